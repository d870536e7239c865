import { MAX_ENTRY_BYTES, entrySize, readEntry, writeEntry } from '../id-codec.js';

/**
 * A shard's id run in bytes: the ids its rows remembered, once each, sorted by (hash, key), as
 * records `[hash: u32 BE][key length: u16 BE][key]` (index-id-run.ts writes them). The key is the
 * id index's canonical entry (id-codec.ts: two ids are equal exactly when their entries are; a
 * lowercase UUID takes 17 bytes) and the hash a fixed function of it (index-id-run.ts), so every
 * shard's run shares one order. The merge compares hashes as numbers and, only on equal hashes,
 * keys as bytes: no id becomes a string.
 */

export const RUN_HEADER_BYTES = 6;

/** The key of an id string: the index's canonical entry (id-codec.ts), as in every run. */
export function idKey(id: string): Buffer {
  const key = Buffer.allocUnsafe(MAX_ENTRY_BYTES);
  writeEntry(id, key, 0);
  return key.subarray(0, entrySize(key, 0));
}

/** The id a key stands for (inverse of {@link idKey}). */
export function idOfKey(key: Uint8Array): string {
  return readEntry(key, 0);
}

/**
 * Reads a run's records from its bytes in chunks of any size (a file read piece by piece, an S3
 * body), synchronously and without a generator: the merge pulls one record at a time from every
 * run, millions of times. After {@link next} returns true, `hash` and `buffer[keyStart, keyEnd)`
 * are the current record. A chunk must stay as it is once handed over (a reader keeps the last
 * record's bytes to check the order), so a source that refills one buffer must copy.
 */
export class IdRunReader {
  hash = 0;
  buffer: Buffer = Buffer.alloc(0);
  keyStart = 0;
  keyEnd = 0;
  private at = 0;
  private readonly chunks: Iterator<Uint8Array>;

  constructor(
    readonly shard: number,
    chunks: Iterable<Uint8Array>,
  ) {
    this.chunks = chunks[Symbol.iterator]();
  }

  /** Moves to the next record; false at the end of the run. Throws on a run that is not sorted and unique. */
  next(): boolean {
    const previous = this.buffer;
    const previousStart = this.keyStart;
    const previousEnd = this.keyEnd;
    const previousHash = this.hash;
    const first = this.keyEnd === 0;
    if (!this.fill(RUN_HEADER_BYTES)) return false;
    const b = this.buffer;
    const at = this.at;
    const length = (b[at + 4]! << 8) | b[at + 5]!;
    if (!this.fill(RUN_HEADER_BYTES + length)) throw new Error(`fan-out: the id run of shard ${this.shard} ends inside a record (truncated run)`);
    const start = this.at;
    this.hash = ((this.buffer[start]! << 24) | (this.buffer[start + 1]! << 16) | (this.buffer[start + 2]! << 8) | this.buffer[start + 3]!) >>> 0;
    this.keyStart = start + RUN_HEADER_BYTES;
    this.keyEnd = this.keyStart + length;
    this.at = this.keyEnd;
    // `previous` is the buffer the last record was read from (fill replaces the buffer, never writes into it).
    if (!first && (this.hash < previousHash || (this.hash === previousHash && previous.compare(this.buffer, this.keyStart, this.keyEnd, previousStart, previousEnd) >= 0))) {
      throw new Error(`fan-out: the id run of shard ${this.shard} is not sorted and unique`);
    }
    return true;
  }

  /** Makes `bytes` bytes available from `at`; false when the run ends cleanly before any of them. */
  private fill(bytes: number): boolean {
    while (this.buffer.length - this.at < bytes) {
      const next = this.chunks.next();
      if (next.done) {
        if (this.buffer.length === this.at) return false;
        throw new Error(`fan-out: the id run of shard ${this.shard} ends inside a record (truncated run)`);
      }
      const chunk = Buffer.from(next.value.buffer, next.value.byteOffset, next.value.byteLength);
      this.buffer = this.at === this.buffer.length ? chunk : Buffer.concat([this.buffer.subarray(this.at), chunk]);
      this.at = 0;
    }
    return true;
  }
}

/** Slices of a run by the hash's top byte: 256, so a merge can be split into as many hash ranges as there are hands. */
export const HASH_SLICES = 256;

/**
 * Where each hash slice of a run starts: `starts[b]` is the offset of the first record whose hash's
 * top byte is at least `b`, `starts[HASH_SLICES]` the run's length. A run is sorted by hash, so the
 * records of top bytes `[from, to)` are the bytes `[starts[from], starts[to])`, a run of their own:
 * merging the same hash range of every shard's run finds exactly the ids of that range that the
 * whole merge finds (an id's records all share its hash). Hops record headers only (~1 ms per
 * million ids), so a shard computes it beside its run and the merge reads only its ranges.
 */
export function hashSliceStarts(run: Uint8Array): number[] {
  const starts: number[] = [];
  let at = 0;
  while (at < run.length) {
    if (at + RUN_HEADER_BYTES > run.length) throw new Error('fan-out: an id run ends inside a record header (truncated run)');
    const top = run[at]!;
    while (starts.length <= top) starts.push(at);
    at += RUN_HEADER_BYTES + ((run[at + 4]! << 8) | run[at + 5]!);
    if (at > run.length) throw new Error('fan-out: an id run ends inside a record (truncated run)');
  }
  while (starts.length <= HASH_SLICES) starts.push(run.length);
  return starts;
}

/** Order of two readers' current records: by hash, then key bytes (the order every run is sorted in). */
export function compareRecords(a: IdRunReader, b: IdRunReader): number {
  if (a.hash !== b.hash) return a.hash < b.hash ? -1 : 1;
  return a.buffer.compare(b.buffer, b.keyStart, b.keyEnd, a.keyStart, a.keyEnd);
}
