import type { QuarantineEntry } from '../types.js';
import { HASH_START, RUN_HEADER_BYTES, finishHash, hashKey, hashStep, idKey } from './id-run.js';

/** Reasons whose row's id was never remembered (SPEC §5 rule order: the line, then the id). */
const UNREMEMBERED = new Set(['malformed_row', 'invalid_id']);
const OPENING_BYTES = '{"transactionId":"'.length;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const LF = 0x0a;

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
  private keys = Buffer.allocUnsafe(1 << 20);
  private used = 0;
  private starts = new Int32Array(1 << 16);
  private hashes = new Uint32Array(1 << 16);
  private count = 0;

  fromProcessed(lines: Uint8Array): void {
    const bytes = Buffer.from(lines.buffer, lines.byteOffset, lines.byteLength);
    for (let start = 0; start < bytes.length; ) {
      const idStart = start + OPENING_BYTES;
      let at = idStart;
      let hash = HASH_START;
      let plain = true;
      for (let byte = bytes[at]!; byte !== QUOTE; byte = bytes[++at]!) {
        if (byte === BACKSLASH || byte >= 0x80) {
          plain = false;
          break;
        }
        hash = hashStep(hash, byte);
      }
      const lineEnd = bytes.indexOf(LF, at);
      const end = lineEnd < 0 ? bytes.length : lineEnd;
      if (plain) this.add(bytes, idStart, at, finishHash(hash));
      else this.addId((JSON.parse(bytes.toString('utf8', start, end)) as { transactionId: string }).transactionId);
      start = end + 1;
    }
  }

  fromQuarantined(entry: QuarantineEntry): void {
    if (entry.transactionId !== undefined && !UNREMEMBERED.has(entry.reason)) this.addId(entry.transactionId);
  }

  /** The run: records sorted by (hash, key), each id once. */
  run(): Buffer {
    const order = orderByHash(this.hashes, this.count);
    const out = Buffer.allocUnsafe(this.used + RUN_HEADER_BYTES * this.count);
    let written = 0;
    for (let i = 0; i < this.count; ) {
      // Ids with the same hash (the same id seen twice, or a rare collision) are ordered by key and written once each.
      let j = i + 1;
      while (j < this.count && this.hashes[order[j]!] === this.hashes[order[i]!]) j++;
      const group = j - i === 1 ? [order[i]!] : [...order.subarray(i, j)].sort((a, b) => this.compareKeys(a, b));
      let previous = -1;
      for (const id of group) {
        if (previous >= 0 && this.compareKeys(previous, id) === 0) continue;
        written = this.writeRecord(out, written, id);
        previous = id;
      }
      i = j;
    }
    return out.subarray(0, written);
  }

  private addId(id: string): void {
    const key = idKey(id);
    this.add(key, 0, key.length, hashKey(key, 0, key.length));
  }

  private add(bytes: Buffer, start: number, end: number, hash: number): void {
    const length = end - start;
    if (this.used + length > this.keys.length) this.keys = grown(this.keys, this.used + length);
    if (this.count === this.starts.length) {
      this.starts = grown(this.starts, this.count + 1);
      this.hashes = grown(this.hashes, this.count + 1);
    }
    bytes.copy(this.keys, this.used, start, end);
    this.starts[this.count] = this.used;
    this.hashes[this.count++] = hash;
    this.used += length;
  }

  private keyEnd(id: number): number {
    return id + 1 < this.count ? this.starts[id + 1]! : this.used;
  }

  private compareKeys(a: number, b: number): number {
    return this.keys.compare(this.keys, this.starts[b]!, this.keyEnd(b), this.starts[a]!, this.keyEnd(a));
  }

  private writeRecord(out: Buffer, at: number, id: number): number {
    const start = this.starts[id]!;
    const end = this.keyEnd(id);
    out.writeUInt32BE(this.hashes[id]!, at);
    out.writeUInt16BE(end - start, at + 4);
    this.keys.copy(out, at + RUN_HEADER_BYTES, start, end);
    return at + RUN_HEADER_BYTES + end - start;
  }
}

/** Indices 0..count-1 ordered by hash: a stable two-pass radix sort (16 bits a pass), no comparator calls. */
function orderByHash(hashes: Uint32Array, count: number): Uint32Array {
  const byLow = new Uint32Array(count);
  const order = new Uint32Array(count);
  scatter(hashes, count, (i) => i, (hash) => hash & 0xffff, byLow);
  scatter(hashes, count, (i) => byLow[i]!, (hash) => hash >>> 16, order);
  return order;
}

/** One counting-sort pass: the ids `idAt(0..count-1)` placed into `out` by `digit(hash)`, keeping their order within a digit. */
function scatter(hashes: Uint32Array, count: number, idAt: (i: number) => number, digit: (hash: number) => number, out: Uint32Array): void {
  const next = new Uint32Array(1 << 16);
  for (let i = 0; i < count; i++) {
    const d = digit(hashes[idAt(i)]!);
    next[d] = next[d]! + 1;
  }
  prefixSums(next);
  for (let i = 0; i < count; i++) {
    const id = idAt(i);
    const d = digit(hashes[id]!);
    out[next[d]!] = id;
    next[d] = next[d]! + 1;
  }
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

function grown<T extends Buffer | Int32Array | Uint32Array>(array: T, needed: number): T {
  let length = array.length * 2;
  while (length < needed) length *= 2;
  const bigger = (array instanceof Buffer ? Buffer.allocUnsafe(length) : new (array.constructor as new (n: number) => T)(length)) as T;
  bigger.set(array);
  return bigger;
}
