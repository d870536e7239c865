import type { RangeReader, ShardPlan, ShardRange } from './shard-plan.js';

const READ_BYTES = 1024 * 1024;
const LF = 0x0a;

/** Line feeds counted in a shard's own bytes (not its prefix): its physical lines, for numbering the shards after it. */
export interface LineFeedCounter {
  lineFeeds: number;
}

/**
 * What a shard's processor reads: the file's prefix (the CSV header) unless the shard is the first,
 * then the shard's range, read in 1 MiB ranged reads. Counts the range's line feeds into `counter`.
 */
export async function* shardBytes(read: RangeReader, plan: ShardPlan, range: ShardRange, counter?: LineFeedCounter): AsyncGenerator<Uint8Array> {
  if (range.index > 0 && plan.prefixEnd > 0) yield* rangeBytes(read, 0, plan.prefixEnd);
  for await (const bytes of rangeBytes(read, range.start, range.end)) {
    if (counter !== undefined) counter.lineFeeds += countLineFeeds(bytes);
    yield bytes;
  }
}

async function* rangeBytes(read: RangeReader, start: number, end: number): AsyncGenerator<Uint8Array> {
  for (let at = start; at < end; ) {
    const bytes = await read(at, Math.min(end, at + READ_BYTES));
    if (bytes.length === 0) throw new Error(`fan-out: the object ended at byte ${at}, expected ${end}`);
    at += bytes.length;
    yield bytes;
  }
}

/** How far a head rerun read: the line feeds it fed (prefix included) and whether it fed the whole range. */
export interface HeadExtent {
  lineFeeds: number;
  wholeRange: boolean;
}

const HEAD_SLICE_BYTES = 128 * 1024;

/**
 * What a shard's head rerun reads (pass two, shard-rerun.ts): the prefix and the range as in
 * {@link shardBytes}, but in slices of about 128 KiB that each end just after a line feed, and
 * only until `enough()` says the rows that change have all been seen, so the processor stops at a
 * line boundary soon after (it has one slice read ahead). Counts what it fed into `extent`.
 */
export async function* shardHeadBytes(read: RangeReader, plan: ShardPlan, range: ShardRange, enough: () => boolean, extent: HeadExtent): AsyncGenerator<Uint8Array> {
  extent.lineFeeds = 0;
  extent.wholeRange = false;
  if (range.index > 0 && plan.prefixEnd > 0) {
    for await (const bytes of rangeBytes(read, 0, plan.prefixEnd)) {
      extent.lineFeeds += countLineFeeds(bytes);
      yield bytes;
    }
  }
  let atLineStart = true;
  for await (const chunk of rangeBytes(read, range.start, range.end)) {
    const bytes = Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    for (let from = 0; from < bytes.length; ) {
      // A slice ends after the last line feed within ~128 KiB, or else the first after it, or else it is the rest (mid-line).
      let cut = bytes.lastIndexOf(LF, Math.min(bytes.length, from + HEAD_SLICE_BYTES) - 1) + 1;
      if (cut <= from) cut = bytes.indexOf(LF, from) + 1;
      if (cut <= from) cut = bytes.length;
      if (atLineStart && enough()) return;
      const slice = bytes.subarray(from, cut);
      extent.lineFeeds += countLineFeeds(slice);
      yield slice;
      atLineStart = slice[slice.length - 1] === LF;
      from = cut;
    }
  }
  extent.wholeRange = true;
}

function countLineFeeds(bytes: Uint8Array): number {
  let count = 0;
  for (let at = bytes.indexOf(LF); at >= 0; at = bytes.indexOf(LF, at + 1)) count++;
  return count;
}

/** Line feeds in the prefix every later shard reads first, so its line numbers can be shifted back. */
export function prefixLineFeeds(prefix: Uint8Array): number {
  return countLineFeeds(prefix);
}
