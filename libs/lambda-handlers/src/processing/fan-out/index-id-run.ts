import { entrySize } from '../id-codec.js';
import type { TransactionIdIndex } from '../transaction-id-index.js';
import { RUN_HEADER_BYTES } from './id-run.js';

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

/**
 * A shard's id run (id-run.ts) from the processor's own id index once the shard's rows are done:
 * the index holds exactly the ids the single path remembers (valid rows, and rejected rows whose
 * id passed `invalid_id`), each once, as canonical entries kept back to back in arenas (in memory,
 * and one per spilled run). Nothing is read off the output and no id becomes a string.
 *
 * Built for speed, since every id of the file passes here: the arenas are walked in order (each
 * entry hashed, FNV-1a with MurmurHash3's finalizer: every shard hashes alike), the (hash, index)
 * pairs radix-sorted, each record's place computed, and the entries walked in order again and
 * copied to their places — random writes, never a random read per id, which cost about a third of
 * the processor's time.
 */
export function idRunOfIndex(ids: TransactionIdIndex): Buffer {
  const arena = Buffer.concat([...ids.idArenas()]);
  const starts: number[] = [];
  for (let at = 0; at < arena.length; at += entrySize(arena, at)) starts.push(at);
  const count = starts.length;
  if (count !== ids.size) throw new Error(`fan-out: the id index holds ${ids.size} ids, its arenas ${count} entries`);
  const offsets = Uint32Array.from(starts);
  const hashes = new Uint32Array(count);
  for (let i = 0; i < count; i++) hashes[i] = hashEntry(arena, offsets[i]!, i + 1 < count ? offsets[i + 1]! : arena.length);
  const sizeOf = (i: number): number => (i + 1 < count ? offsets[i + 1]! : arena.length) - offsets[i]!;
  const { order, sortedHashes } = orderByHash(hashes, count);
  // Ids with the same hash (a collision: each id is in the index once) go in key order.
  for (let i = 0; i < count; ) {
    let j = i + 1;
    while (j < count && sortedHashes[j] === sortedHashes[i]) j++;
    if (j - i > 1) order.set([...order.subarray(i, j)].sort((a, b) => arena.compare(arena, offsets[b]!, offsets[b]! + sizeOf(b), offsets[a]!, offsets[a]! + sizeOf(a))), i);
    i = j;
  }
  const places = new Uint32Array(count);
  let bytes = 0;
  for (let p = 0; p < count; p++) {
    const i = order[p]!;
    places[i] = bytes;
    bytes += RUN_HEADER_BYTES + sizeOf(i);
  }
  const out = Buffer.allocUnsafe(bytes);
  for (let i = 0; i < count; i++) {
    const at = places[i]!;
    const hash = hashes[i]!;
    const start = offsets[i]!;
    const size = sizeOf(i);
    out[at] = hash >>> 24;
    out[at + 1] = (hash >>> 16) & 0xff;
    out[at + 2] = (hash >>> 8) & 0xff;
    out[at + 3] = hash & 0xff;
    out[at + 4] = size >>> 8;
    out[at + 5] = size & 0xff;
    for (let k = 0; k < size; k++) out[at + RUN_HEADER_BYTES + k] = arena[start + k]!;
  }
  return out;
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

/**
 * Indices 0..count-1 ordered by hash, and the hashes in that order: a stable two-pass radix sort
 * (16 bits a pass) that moves the hashes along, so nothing after it reads them at random.
 */
function orderByHash(hashes: Uint32Array, count: number): { order: Uint32Array; sortedHashes: Uint32Array } {
  const midOrder = new Uint32Array(count);
  const midHashes = new Uint32Array(count);
  const order = new Uint32Array(count);
  const sortedHashes = new Uint32Array(count);
  const next = new Uint32Array(1 << 16);
  for (let i = 0; i < count; i++) next[hashes[i]! & 0xffff]! += 1;
  prefixSums(next);
  for (let i = 0; i < count; i++) {
    const hash = hashes[i]!;
    const to = next[hash & 0xffff]!++;
    midOrder[to] = i;
    midHashes[to] = hash;
  }
  next.fill(0);
  for (let i = 0; i < count; i++) next[midHashes[i]! >>> 16]! += 1;
  prefixSums(next);
  for (let i = 0; i < count; i++) {
    const hash = midHashes[i]!;
    const to = next[hash >>> 16]!++;
    order[to] = midOrder[i]!;
    sortedHashes[to] = hash;
  }
  return { order, sortedHashes };
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
