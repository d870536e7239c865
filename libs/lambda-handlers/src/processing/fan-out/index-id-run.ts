import { entrySize } from '../id-codec.js';
import type { TransactionIdIndex } from '../transaction-id-index.js';
import { RUN_HEADER_BYTES } from './id-run.js';

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;
/** Buckets by the hash's top byte: few enough that each bucket's write position stays in cache. */
const BUCKETS = 256;
/** Each bucket is sorted by the hash's low 24 bits, 12 bits a pass. */
const DIGIT_BITS = 12;

/**
 * A shard's id run (id-run.ts) from the processor's own id index once the shard's rows are done:
 * the index holds exactly the ids the single path remembers (valid rows, and rejected rows whose
 * id passed `invalid_id`), each once, as canonical entries kept back to back in arenas (in memory,
 * and one per spilled run). Nothing is read off the output and no id becomes a string.
 *
 * Built for speed, since every id of the file passes here, and for the cache, since a shard's
 * run (~28 MB per 128 MiB shard) is far larger than it: the arenas are walked in order, each entry
 * hashed (FNV-1a with MurmurHash3's finalizer: every shard hashes alike) and its record appended to
 * its bucket's region of the run (256 buckets by the hash's top byte: sequential writes); then each
 * bucket (~100 KB) is sorted by the rest of the hash and laid out in place from a copy that stays
 * in cache. No write or read lands at random across the whole run.
 */
export function idRunOfIndex(ids: TransactionIdIndex): Buffer {
  const arena = oneArena([...ids.idArenas()]);
  const count = ids.size;
  const hashes = new Uint32Array(count);
  const bucketCounts = new Uint32Array(BUCKETS + 1);
  const bucketBytes = new Float64Array(BUCKETS + 1);
  let n = 0;
  let at = 0;
  for (; at < arena.length && n < count; n++) {
    const size = entrySize(arena, at);
    const hash = hashEntry(arena, at, at + size);
    hashes[n] = hash;
    bucketCounts[(hash >>> 24) + 1]! += 1;
    bucketBytes[(hash >>> 24) + 1]! += RUN_HEADER_BYTES + size;
    at += size;
  }
  if (n !== count || at !== arena.length) throw new Error(`fan-out: the id index holds ${count} ids, its arenas ${entryCount(arena)} entries`);
  prefixSums(bucketCounts);
  prefixSums(bucketBytes);
  const out = Buffer.allocUnsafe(bucketBytes[BUCKETS]!);
  const outView = viewOf(out);
  const arenaView = viewOf(arena);
  // Records appended to their buckets; each record's low hash bits and place in its bucket, in bucket order.
  const lows = new Uint32Array(count);
  const recordAt = new Uint32Array(count);
  const nextKey = bucketCounts.slice(0, BUCKETS);
  const nextByte = bucketBytes.slice(0, BUCKETS);
  at = 0;
  for (let i = 0; i < count; i++) {
    const hash = hashes[i]!;
    const bucket = hash >>> 24;
    const size = entrySize(arena, at);
    const to = nextByte[bucket]!;
    const slot = nextKey[bucket]!;
    lows[slot] = hash & 0xffffff;
    recordAt[slot] = to - bucketBytes[bucket]!;
    outView.setUint32(to, hash);
    outView.setUint16(to + 4, size);
    copyBytes(arenaView, at, outView, to + RUN_HEADER_BYTES, size);
    nextByte[bucket] = to + RUN_HEADER_BYTES + size;
    nextKey[bucket] = slot + 1;
    at += size;
  }
  let copy = Buffer.allocUnsafe(0);
  let copyView = viewOf(copy);
  const largest = largestBucket(bucketCounts);
  const order = new Uint32Array(largest);
  const scratch = new Uint32Array(largest);
  const digits = new Uint32Array(1 << DIGIT_BITS);
  for (let bucket = 0; bucket < BUCKETS; bucket++) {
    const first = bucketCounts[bucket]!;
    const end = bucketCounts[bucket + 1]!;
    if (end - first < 2) continue;
    const start = bucketBytes[bucket]!;
    const length = bucketBytes[bucket + 1]! - start;
    if (copy.length < length) copyView = viewOf((copy = Buffer.allocUnsafe(Math.max(length, 2 * copy.length))));
    out.copy(copy, 0, start, start + length);
    const bucketLows = lows.subarray(first, end);
    const bucketAt = recordAt.subarray(first, end);
    sortByLows(bucketLows, order, scratch, digits);
    orderCollisions(order, end - first, bucketLows, bucketAt, copy);
    for (let p = 0, to = start; p < end - first; p++) {
      const from = bucketAt[order[p]!]!;
      const recordBytes = RUN_HEADER_BYTES + copyView.getUint16(from + 4);
      copyBytes(copyView, from, outView, to, recordBytes);
      to += recordBytes;
    }
  }
  return out;
}

/** The arenas as one Buffer, copied only when the index spilled (more than one arena). */
function oneArena(arenas: Uint8Array[]): Buffer {
  if (arenas.length !== 1) return Buffer.concat(arenas);
  const arena = arenas[0]!;
  return Buffer.from(arena.buffer, arena.byteOffset, arena.byteLength);
}

const viewOf = (bytes: Uint8Array): DataView => new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);

/** `size` bytes from `from` to `to`, four at a time (records are ~23 bytes: a native copy per record costs more than the bytes). */
function copyBytes(source: DataView, from: number, target: DataView, to: number, size: number): void {
  let k = 0;
  for (; k + 4 <= size; k += 4) target.setUint32(to + k, source.getUint32(from + k, true), true);
  for (; k < size; k++) target.setUint8(to + k, source.getUint8(from + k));
}

/**
 * `order[0…n)` := the bucket's record indices ordered by their low hash bits: a stable LSD radix
 * sort in two passes (the bucket, its counters and scratch all fit in cache).
 */
function sortByLows(lows: Uint32Array, order: Uint32Array, scratch: Uint32Array, digits: Uint32Array): void {
  const n = lows.length;
  const mask = (1 << DIGIT_BITS) - 1;
  digits.fill(0);
  for (let i = 0; i < n; i++) digits[lows[i]! & mask]! += 1;
  startsOf(digits);
  for (let i = 0; i < n; i++) scratch[digits[lows[i]! & mask]!++] = i;
  digits.fill(0);
  for (let i = 0; i < n; i++) digits[lows[i]! >>> DIGIT_BITS]! += 1;
  startsOf(digits);
  for (let p = 0; p < n; p++) {
    const i = scratch[p]!;
    order[digits[lows[i]! >>> DIGIT_BITS]!++] = i;
  }
}

/**
 * Ids with the same hash (a collision: each id is in the index once) go in key order: within a
 * sorted bucket, each run of equal hashes is re-sorted by its records' entries.
 */
function orderCollisions(order: Uint32Array, n: number, lows: Uint32Array, recordAt: Uint32Array, bucket: Buffer): void {
  const entryOf = (i: number): Buffer => {
    const from = recordAt[i]! + RUN_HEADER_BYTES;
    return bucket.subarray(from, from + bucket.readUInt16BE(from - 2));
  };
  for (let p = 0; p < n; ) {
    let q = p + 1;
    while (q < n && lows[order[q]!] === lows[order[p]!]) q++;
    if (q - p > 1) order.set([...order.subarray(p, q)].sort((a, b) => entryOf(a).compare(entryOf(b))), p);
    p = q;
  }
}

function hashEntry(bytes: Uint8Array, start: number, end: number): number {
  let hash = FNV_OFFSET;
  for (let at = start; at < end; at++) hash = Math.imul(hash ^ bytes[at]!, FNV_PRIME);
  hash ^= hash >>> 16;
  hash = Math.imul(hash, 0x85ebca6b);
  hash ^= hash >>> 13;
  hash = Math.imul(hash, 0xc2b2ae35);
  return (hash ^ (hash >>> 16)) >>> 0;
}

function entryCount(arena: Uint8Array): number {
  let count = 0;
  for (let at = 0; at < arena.length; at += entrySize(arena, at)) count++;
  return count;
}

function largestBucket(starts: Uint32Array): number {
  let largest = 0;
  for (let b = 0; b + 1 < starts.length; b++) largest = Math.max(largest, starts[b + 1]! - starts[b]!);
  return largest;
}

/** Turns counts into starting positions, in place. */
function startsOf(counts: Uint32Array): void {
  for (let i = 0, sum = 0; i < counts.length; i++) {
    const count = counts[i]!;
    counts[i] = sum;
    sum += count;
  }
}

/** Turns counts (from index 1) into starting positions (index b holds bucket b's start). */
function prefixSums(counts: Uint32Array | Float64Array): void {
  for (let i = 1; i < counts.length; i++) counts[i]! += counts[i - 1]!;
}
