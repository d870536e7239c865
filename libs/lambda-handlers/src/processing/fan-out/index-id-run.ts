import { entrySize } from '../id-codec.js';
import type { TransactionIdIndex } from '../transaction-id-index.js';
import { RUN_HEADER_BYTES } from './id-run.js';

/**
 * A shard's id run (id-run.ts) from the processor's own id index once the shard's rows are done:
 * the index holds exactly the ids the single path remembers (valid rows, and rejected rows whose
 * id passed `invalid_id`), each once, as the core's canonical entries with their h1 hash (a fixed
 * seed, so every shard hashes alike). Nothing is read off the output and no id becomes a string:
 * the in-memory set's pairs and the spilled runs' are gathered, radix-sorted by h1 and written
 * with their entries. Memory: the ids' entries and 8 bytes per id, for the shard's ids.
 */
export function idRunOfIndex(ids: TransactionIdIndex): Buffer {
  const sources = [...ids.idSources()];
  let count = 0;
  let arenaBytes = 0;
  for (const { pairs, arena } of sources) {
    for (let i = 1; i < pairs.length; i += 2) if (pairs[i] !== 0) count++;
    arenaBytes += arena.length;
  }
  const hashes = new Uint32Array(count);
  const offsets = new Uint32Array(count);
  const arena = Buffer.allocUnsafe(arenaBytes);
  let n = 0;
  let base = 0;
  for (const source of sources) {
    arena.set(source.arena, base);
    const pairs = source.pairs;
    // A pair is (h1, ref) with the entry at arena offset ref − 1; an empty table slot has ref 0.
    for (let i = 0; i < pairs.length; i += 2) {
      const ref = pairs[i + 1]!;
      if (ref === 0) continue;
      hashes[n] = pairs[i]!;
      offsets[n++] = base + ref - 1;
    }
    base += source.arena.length;
  }
  const sorted = sortByHash(hashes, offsets, count);
  // The arenas hold exactly the ids' entries, so the run's size is known without visiting them.
  return writeRun(sorted.hashes, sorted.offsets, arena, arenaBytes + RUN_HEADER_BYTES * count);
}

/** Records `[h1][entry length][entry]` in (h1, entry bytes) order; equal h1 (a collision) is rare, so only those are compared. */
function writeRun(hashes: Uint32Array, offsets: Uint32Array, arena: Buffer, bytes: number): Buffer {
  const out = Buffer.allocUnsafe(bytes);
  let at = 0;
  for (let i = 0; i < hashes.length; ) {
    let j = i + 1;
    while (j < hashes.length && hashes[j] === hashes[i]) j++;
    const group = j - i === 1 ? [offsets[i]!] : [...offsets.subarray(i, j)].sort((a, b) => arena.compare(arena, b, b + entrySize(arena, b), a, a + entrySize(arena, a)));
    for (const offset of group) at = writeRecord(out, at, hashes[i]!, arena, offset);
    i = j;
  }
  if (at !== bytes) throw new Error(`fan-out: the id index's arenas hold ${bytes - RUN_HEADER_BYTES * hashes.length} bytes, its entries ${at - RUN_HEADER_BYTES * hashes.length}`);
  return out;
}

function writeRecord(out: Buffer, at: number, hash: number, arena: Buffer, offset: number): number {
  const size = entrySize(arena, offset);
  out[at] = hash >>> 24;
  out[at + 1] = (hash >>> 16) & 0xff;
  out[at + 2] = (hash >>> 8) & 0xff;
  out[at + 3] = hash & 0xff;
  out[at + 4] = size >>> 8;
  out[at + 5] = size & 0xff;
  let to = at + RUN_HEADER_BYTES;
  for (let from = offset; from < offset + size; from++) out[to++] = arena[from]!;
  return to;
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
