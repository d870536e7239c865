/** Reads bytes [start, end) of the object (an S3 ranged GET, a file read); may return fewer only at the end. */
export type RangeReader = (start: number, end: number) => Promise<Uint8Array>;

/** One shard: the byte range [start, end) of the file; every range but the first starts a line. */
export interface ShardRange {
  readonly index: number;
  readonly start: number;
  readonly end: number;
}

/** Where a file's shards are and what each needs besides its own bytes. */
export interface ShardPlan {
  readonly size: number;
  /**
   * Bytes [0, prefixEnd) are what every shard after the first reads before its range: for CSV the
   * header line (with a BOM and blank lines before it), empty for JSON Lines.
   */
  readonly prefixEnd: number;
  readonly ranges: readonly ShardRange[];
}

export interface ShardPlanOptions {
  readonly size: number;
  readonly shardBytes: number;
  /** CSV files give every shard their header; JSON Lines have none. */
  readonly kind: 'csv' | 'jsonl';
  /** A line longer than this rejects the file anyway (`record_too_large`): no cut is searched past it. */
  readonly maxRecordBytes?: number;
}

const LF = 0x0a;
const WINDOW_BYTES = 64 * 1024;
const DEFAULT_MAX_RECORD_BYTES = 1024 * 1024;

/**
 * Splits a file into ranges of about `shardBytes`, each ending just after a line feed (SPEC §5: one
 * physical line is one record; LF and CRLF both end in LF, a lone CR is not a line break), so a
 * shard never holds part of a record. Reads only a window after each nominal cut (and the CSV
 * header), never the file: a 500 GB object costs about one 64 KiB GET per shard.
 */
export async function planShards(read: RangeReader, options: ShardPlanOptions): Promise<ShardPlan> {
  const { size, shardBytes } = options;
  if (!(shardBytes >= 1)) throw new RangeError('shardBytes must be at least 1');
  const maxRecordBytes = options.maxRecordBytes ?? DEFAULT_MAX_RECORD_BYTES;
  const prefixEnd = options.kind === 'csv' ? await headerEnd(read, size, maxRecordBytes) : 0;
  const ranges: ShardRange[] = [];
  let start = 0;
  while (start < size) {
    const nominal = Math.max(start + shardBytes, prefixEnd);
    const end = nominal >= size ? size : await lineEndFrom(read, nominal, size, maxRecordBytes);
    ranges.push({ index: ranges.length, start, end });
    start = end;
  }
  return { size, prefixEnd, ranges };
}

/**
 * The smallest cut c ≥ `from` where byte c-1 is a line feed, or the file's size. Gives up (returns
 * the size) once a line would be longer than `maxRecordBytes`: that file is rejected whole.
 */
async function lineEndFrom(read: RangeReader, from: number, size: number, maxRecordBytes: number): Promise<number> {
  let at = from - 1;
  while (at < size && at - from <= maxRecordBytes) {
    const window = await read(at, Math.min(size, at + WINDOW_BYTES));
    if (window.length === 0) break;
    const found = window.indexOf(LF);
    if (found >= 0) return at + found + 1;
    at += window.length;
  }
  return size;
}

/** End of the CSV header line: the first line holding anything but spaces, tabs, CR (or a BOM). */
async function headerEnd(read: RangeReader, size: number, maxRecordBytes: number): Promise<number> {
  let lineStart = 0;
  let content = false;
  for (let at = 0; at < size && at <= maxRecordBytes + lineStart; ) {
    const window = await read(at, Math.min(size, at + WINDOW_BYTES));
    if (window.length === 0) break;
    for (let i = 0; i < window.length; i++) {
      const byte = window[i]!;
      const position = at + i;
      if (byte === LF) {
        if (content) return position + 1;
        lineStart = position + 1;
      } else if (!isBlankByte(byte, position)) content = true;
    }
    at += window.length;
  }
  return size;
}

const BOM = [0xef, 0xbb, 0xbf];

function isBlankByte(byte: number, position: number): boolean {
  return byte === 0x20 || byte === 0x09 || byte === 0x0d || (position < 3 && byte === BOM[position]);
}
