import type { QuarantineEntry } from '../types.js';
import { HASH_START, finishHash, hashKey, hashStep, idKey } from './id-run.js';

/** Reasons whose row's id was never remembered (SPEC §5 rule order: the line, then the id). */
const UNREMEMBERED = new Set(['malformed_row', 'invalid_id']);
const OPENING_BYTES = '{"transactionId":"'.length;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const LF = 0x0a;
/** Longest id taken straight off a line; a longer one (never valid: 64 code units at most) goes the general way. */
const MAX_PLAIN_ID_BYTES = 256;

/**
 * The transaction ids the single path would remember on one shard's rows (valid rows, and
 * rejected rows whose id passed `invalid_id`), read off the processor's own output so that
 * "remembered" means exactly what it means there. {@link run} gives the shard's id run (id-run.ts).
 *
 * Built for speed, since it sees every row of the file: a processed line starts with its id
 * (OUTPUT_KEYS order), so a plain ASCII id is hashed while it is scanned and its bytes copied into
 * one arena — no string per id; only an escaped or non-ASCII id is decoded through JSON.parse.
 */
export class ShardIdCollector {
  /** Each id as `[key length: u16 BE][key]`, the tail of its run record. */
  private arena = Buffer.allocUnsafe(1 << 20);
  private used = 0;
  private offsets = new Uint32Array(1 << 16);
  private hashes = new Uint32Array(1 << 16);
  private count = 0;

  fromProcessed(lines: Uint8Array): void {
    const bytes = Buffer.from(lines.buffer, lines.byteOffset, lines.byteLength);
    for (let start = 0; start < bytes.length; ) {
      // The id is hashed and copied into the arena in one scan; Buffer#copy per id cost more than the processor.
      if (this.used + 2 + MAX_PLAIN_ID_BYTES > this.arena.length) this.arena = grown(this.arena, this.used + 2 + MAX_PLAIN_ID_BYTES);
      const arena = this.arena;
      const idStart = start + OPENING_BYTES;
      let at = idStart;
      let to = this.used + 2;
      let hash = HASH_START;
      let plain = true;
      for (let byte = bytes[at]!; byte !== QUOTE; byte = bytes[++at]!) {
        if (byte === BACKSLASH || byte >= 0x80 || at - idStart === MAX_PLAIN_ID_BYTES) {
          plain = false;
          break;
        }
        hash = hashStep(hash, byte);
        arena[to++] = byte;
      }
      const lineEnd = bytes.indexOf(LF, at);
      const end = lineEnd < 0 ? bytes.length : lineEnd;
      if (plain) this.commit(to, finishHash(hash));
      else this.addId((JSON.parse(bytes.toString('utf8', start, end)) as { transactionId: string }).transactionId);
      start = end + 1;
    }
  }

  fromQuarantined(entry: QuarantineEntry): void {
    if (entry.transactionId !== undefined && !UNREMEMBERED.has(entry.reason)) this.addId(entry.transactionId);
  }

  /** The run: records sorted by (hash, key), each id once. */
  run(): Buffer {
    const { hashes, offsets } = sortByHash(this.hashes, this.offsets, this.count);
    const out = Buffer.allocUnsafe(this.used + 4 * this.count);
    let written = 0;
    for (let i = 0; i < this.count; ) {
      let j = i + 1;
      while (j < this.count && hashes[j] === hashes[i]) j++;
      if (j - i === 1) written = this.writeRecord(out, written, hashes[i]!, offsets[i]!);
      else written = this.writeSameHash(hashes[i]!, [...offsets.subarray(i, j)], out, written);
      i = j;
    }
    return out.subarray(0, written);
  }

  /** Ids with one hash (the same id seen twice, or a rare collision): ordered by key, each written once. */
  private writeSameHash(hash: number, offsets: number[], out: Buffer, at: number): number {
    offsets.sort((a, b) => this.compareKeys(a, b));
    let written = at;
    offsets.forEach((offset, i) => {
      if (i === 0 || this.compareKeys(offsets[i - 1]!, offset) !== 0) written = this.writeRecord(out, written, hash, offset);
    });
    return written;
  }

  private addId(id: string): void {
    const key = idKey(id);
    if (this.used + 2 + key.length > this.arena.length) this.arena = grown(this.arena, this.used + 2 + key.length);
    key.copy(this.arena, this.used + 2);
    this.commit(this.used + 2 + key.length, hashKey(key, 0, key.length));
  }

  /** Ends the id whose key the arena holds from `used + 2` to `keyEnd`. */
  private commit(keyEnd: number, hash: number): void {
    if (this.count === this.offsets.length) {
      this.offsets = grown(this.offsets, this.count + 1);
      this.hashes = grown(this.hashes, this.count + 1);
    }
    const length = keyEnd - this.used - 2;
    this.arena[this.used] = length >>> 8;
    this.arena[this.used + 1] = length & 0xff;
    this.offsets[this.count] = this.used;
    this.hashes[this.count++] = hash;
    this.used = keyEnd;
  }

  private compareKeys(a: number, b: number): number {
    const arena = this.arena;
    return arena.compare(arena, b + 2, b + 2 + arena.readUInt16BE(b), a + 2, a + 2 + arena.readUInt16BE(a));
  }

  /** A run record: the hash, then the arena's `[length][key]` as it is (read in order: one cache miss per id). */
  private writeRecord(out: Buffer, at: number, hash: number, offset: number): number {
    const arena = this.arena;
    out[at] = hash >>> 24;
    out[at + 1] = (hash >>> 16) & 0xff;
    out[at + 2] = (hash >>> 8) & 0xff;
    out[at + 3] = hash & 0xff;
    const end = offset + 2 + ((arena[offset]! << 8) | arena[offset + 1]!);
    let to = at + 4;
    for (let from = offset; from < end; from++) out[to++] = arena[from]!;
    return to;
  }
}

/**
 * The (hash, offset) pairs ordered by hash: a stable two-pass radix sort (16 bits a pass) that
 * moves both, so the run is then written reading the hashes in order; no comparator calls.
 */
function sortByHash(hashes: Uint32Array, offsets: Uint32Array, count: number): { hashes: Uint32Array; offsets: Uint32Array } {
  const midHashes = new Uint32Array(count);
  const midOffsets = new Uint32Array(count);
  const outHashes = new Uint32Array(count);
  const outOffsets = new Uint32Array(count);
  const next = new Uint32Array(1 << 16);
  for (let i = 0; i < count; i++) next[hashes[i]! & 0xffff]! += 1;
  prefixSums(next);
  for (let i = 0; i < count; i++) {
    const hash = hashes[i]!;
    const to = next[hash & 0xffff]!++;
    midHashes[to] = hash;
    midOffsets[to] = offsets[i]!;
  }
  next.fill(0);
  for (let i = 0; i < count; i++) next[midHashes[i]! >>> 16]! += 1;
  prefixSums(next);
  for (let i = 0; i < count; i++) {
    const hash = midHashes[i]!;
    const to = next[hash >>> 16]!++;
    outHashes[to] = hash;
    outOffsets[to] = midOffsets[i]!;
  }
  return { hashes: outHashes, offsets: outOffsets };
}

/** Turns counts into starting positions. */
function prefixSums(counts: Uint32Array): void {
  let sum = 0;
  for (let i = 0; i < counts.length; i++) {
    const count = counts[i]!;
    counts[i] = sum;
    sum += count;
  }
}

function grown<T extends Buffer | Uint32Array>(array: T, needed: number): T {
  let length = array.length * 2;
  while (length < needed) length *= 2;
  const bigger = (array instanceof Buffer ? Buffer.allocUnsafe(length) : new (array.constructor as new (n: number) => T)(length)) as T;
  bigger.set(array);
  return bigger;
}
