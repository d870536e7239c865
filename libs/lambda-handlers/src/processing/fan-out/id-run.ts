/**
 * A shard's id run in bytes: the ids its rows remembered, once each, sorted by (hash, key), as
 * records `[hash: u32 BE][key length: u16 BE][key]`. The merge compares hashes (numbers) and only
 * on equal hashes the keys' bytes, so it never decodes an id to a string; every shard hashes with
 * the same function, so all runs share one order.
 *
 * An id's key is canonical (two ids are equal exactly when their keys are): an id whose UTF-16
 * code units are all below 0x80 is its ASCII bytes — what a processed line holds between the
 * quotes when nothing is escaped, so the usual id is hashed and copied straight off the output;
 * any other id is 0xFF (never an ASCII byte) then its UTF-16LE code units, so ids with lone
 * surrogates (possible in JSON Lines) stay distinct, as they are on the single path.
 */

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;
const WIDE_MARK = 0xff;
export const RUN_HEADER_BYTES = 6;

/** FNV-1a, then MurmurHash3's finalizer so that near-equal ids spread over the whole range. */
export function hashKey(bytes: Uint8Array, start: number, end: number): number {
  let hash = FNV_OFFSET;
  for (let at = start; at < end; at++) hash = Math.imul(hash ^ bytes[at]!, FNV_PRIME);
  return finishHash(hash);
}

/** The step {@link hashKey} takes per byte, for callers that hash while they scan. */
export function hashStep(hash: number, byte: number): number {
  return Math.imul(hash ^ byte, FNV_PRIME);
}

export function finishHash(hash: number): number {
  hash ^= hash >>> 16;
  hash = Math.imul(hash, 0x85ebca6b);
  hash ^= hash >>> 13;
  hash = Math.imul(hash, 0xc2b2ae35);
  return (hash ^ (hash >>> 16)) >>> 0;
}

export { FNV_OFFSET as HASH_START };

/** The canonical key of an id string. */
export function idKey(id: string): Buffer {
  for (let i = 0; i < id.length; i++) {
    if (id.charCodeAt(i) >= 0x80) {
      const key = Buffer.allocUnsafe(1 + 2 * id.length);
      key[0] = WIDE_MARK;
      key.write(id, 1, 'utf16le');
      return key;
    }
  }
  return Buffer.from(id, 'latin1');
}

/** The id a key stands for (inverse of {@link idKey}). */
export function idOfKey(key: Uint8Array): string {
  const bytes = Buffer.from(key.buffer, key.byteOffset, key.byteLength);
  return bytes[0] === WIDE_MARK ? bytes.toString('utf16le', 1) : bytes.toString('latin1');
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

/** Order of two readers' current records: by hash, then key bytes (the order every run is sorted in). */
export function compareRecords(a: IdRunReader, b: IdRunReader): number {
  if (a.hash !== b.hash) return a.hash < b.hash ? -1 : 1;
  return a.buffer.compare(b.buffer, b.keyStart, b.keyEnd, a.keyStart, a.keyEnd);
}
