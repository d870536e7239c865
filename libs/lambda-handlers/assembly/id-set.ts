import { allocZeroed, bytesEqual, copyWords } from './bytes';
import { hashBytes } from './hash';
import { doubledPairTable } from './pair-table';
import { SLACK } from './csv-records';
import { entrySize } from './id-entry';

/*
 * The in-memory part of the transaction id index (see src/processing/transaction-id-index.ts):
 * an exact set of encoded ids in one arena, with an open-addressed table of [h1, ref] pairs, so a
 * probe is one cache miss and only a full 32-bit hash match compares bytes. Ids that no longer fit
 * are spilled to disk by JavaScript (spilled-id-runs.ts), which reads the table and arena from
 * this memory and then clears the set; a Bloom filter over the spilled ids' h1 lives here too, so
 * the fast path asks JavaScript only when an id may have been spilled.
 *
 * Entry encoding: see id-entry.ts.
 *
 * Adding is staged: an id is encoded at the arena's end, hashed and probed; a commit keeps it,
 * anything else overwrites it.
 */

const MIN_SLOTS: u32 = 64;
/** Largest encoded id: header + 128 two-byte units. */
export const MAX_ENTRY_BYTES: usize = 1 + 2 * 128;

let table: usize = 0;
let mask: u32 = 0;
export let count: u32 = 0;
export let arena: usize = 0;
let arenaBytes: usize = 0;
/** Bytes of arena in use; the staged id sits right after them. */
export let arenaUsed: usize = 0;
export let stagedHash: u32 = 0;
let stagedFree: u32 = 0;

/** The most bytes table plus arena may use before JavaScript spills them. */
let limit: usize = 0;

export function initIds(limitBytes: usize, initialSlots: u32): void {
  setLimit(limitBytes);
  arenaBytes = limitBytes + MAX_ENTRY_BYTES;
  arena = heap.alloc(arenaBytes + SLACK);
  mask = (initialSlots < MIN_SLOTS ? MIN_SLOTS : initialSlots) - 1;
  table = allocZeroed(<usize>(mask + 1) << 3);
}

export function tablePointer(): usize {
  return table;
}

export function tableSlots(): u32 {
  return mask + 1;
}

/** Bytes the set uses: table plus arena. */
export function usedBytes(): usize {
  return (<usize>(mask + 1) << 3) + arenaUsed;
}

/**
 * The most slots the table may grow to: a quarter of the limit. Past that the set spills rather
 * than doubling its table: a bigger table would hold only a few more ids before the arena fills
 * the limit, and the table it replaces stays resident (WebAssembly memory never shrinks).
 */
let maxSlots: u32 = MIN_SLOTS;

/** Takes `limitBytes` as the limit, and the table's largest size from it. */
function setLimit(limitBytes: usize): void {
  limit = limitBytes;
  maxSlots = MIN_SLOTS;
  while ((<usize>maxSlots << 4) <= limit / 4) maxSlots <<= 1;
}

/** Whether the set has outgrown its limit, or its table is as full and as big as it may be, and must be spilled. */
export function isFull(): bool {
  return usedBytes() > limit || (count * 4 >= (mask + 1) * 3 && mask + 1 >= maxSlots);
}

/** Where JavaScript writes an entry to stage (it then calls {@link stageWritten}). */
export function stagePointer(): usize {
  return arena + arenaUsed;
}

/** Hashes the staged entry and probes for it: true when the set already holds it. */
export function stageWritten(): bool {
  const staged = arena + arenaUsed;
  stagedHash = hashBytes(staged, staged + entrySize(staged));
  return probeStaged();
}

/** Loads the table slot where a probe for `h1` starts, so its cache miss is under way early. */
export function touchSlot(h1: u32): u32 {
  return load<u32>(table + (<usize>(h1 & mask) << 3));
}

/**
 * Stages the ASCII id `[start, end)` (1–127 bytes, not a lowercase UUID) whose entry hash `h1` the caller has
 * (hashAsciiEntry); true when the set already holds it.
 */
export function stageAscii(start: usize, end: usize, h1: u32): bool {
  const staged = arena + arenaUsed;
  store<u8>(staged, <u8>(end - start - 1));
  copyWords(staged + 1, start, end - start);
  stagedHash = h1;
  return probeStaged();
}

/** Stages the entry of `bytes` bytes at `entry` (a packed UUID) whose hash `h1` the caller has; true when the set already holds it. */
export function stageEntry(entry: usize, bytes: usize, h1: u32): bool {
  copyWords(arena + arenaUsed, entry, bytes);
  stagedHash = h1;
  return probeStaged();
}

/** Probes for the staged id (hashed already): true when the set already holds it. */
function probeStaged(): bool {
  const staged = arena + arenaUsed;
  const h1 = stagedHash;
  for (let i = h1 & mask; ; i = (i + 1) & mask) {
    const slot = table + (<usize>i << 3);
    const ref = load<u32>(slot + 4);
    if (ref == 0) {
      stagedFree = i;
      return false;
    }
    if (load<u32>(slot) == h1 && bytesEqual(arena + ref - 1, staged, entrySize(staged))) return true;
  }
  return false;
}

/** Keeps the staged id (after {@link stageWritten} answered false). */
export function commitStaged(): void {
  // At the largest size the table takes this id past three quarters full and isFull asks for a spill.
  if ((count + 1) * 4 > (mask + 1) * 3 && mask + 1 < maxSlots) {
    grow();
    probeStaged();
  }
  const slot = table + (<usize>stagedFree << 3);
  store<u32>(slot, stagedHash);
  store<u32>(slot + 4, <u32>arenaUsed + 1);
  arenaUsed += entrySize(arena + arenaUsed);
  count++;
}

function grow(): void {
  table = doubledPairTable(table, mask + 1);
  mask = (mask << 1) | 1;
}

/**
 * Forgets every id after a spill and takes `limitBytes` as the new limit (what spilled ids keep
 * in memory comes out of the budget), keeping memory for reuse as far as it fits: a table over
 * half of the limit is cut to a quarter of it.
 */
export function clearIds(limitBytes: usize): void {
  setLimit(limitBytes);
  const tableBytes = <usize>(mask + 1) << 3;
  if (tableBytes > limit / 2) {
    heap.free(table);
    const slots = maxSlots;
    mask = slots - 1;
    table = allocZeroed(<usize>slots << 3);
  } else {
    memory.fill(table, 0, tableBytes);
  }
  count = 0;
  arenaUsed = 0;
}

// ---- Bloom filter over the h1 of spilled ids

/*
 * A blocked Bloom filter: every key maps to one 512-bit block (one cache line) and sets PROBES
 * bits inside it, so a lookup costs one cache miss. A false positive only costs JavaScript a disk
 * read, never a wrong answer.
 */
const WORDS_PER_BLOCK: u32 = 16;
const PROBES: u32 = 8;
let bloomWords: usize = 0;
let bloomBlocks: u32 = 0;
/** The bytes every filter of this file lives in, reserved once (see bloomReset). */
let bloomRegion: usize = 0;
let bloomRegionBlocks: u32 = 0;

@inline function blockBytes(blocks: u32): usize {
  return <usize>blocks * WORDS_PER_BLOCK * 4;
}

/**
 * Replaces the filter with an empty one of `blocks` 64-byte blocks (0: none). The first call
 * reserves room for `maxBlocks` and every later filter reuses those bytes: WebAssembly memory never
 * shrinks, so freeing a filter and allocating a bigger one would keep both for good. Only the
 * blocks in use are written (zeroed), and memory never written is address space, not resident.
 */
export function bloomReset(blocks: u32, maxBlocks: u32): void {
  if (blocks > bloomRegionBlocks) {
    if (bloomRegion != 0) heap.free(bloomRegion);
    bloomRegionBlocks = max(blocks, maxBlocks);
    bloomRegion = heap.alloc(blockBytes(bloomRegionBlocks));
  }
  bloomBlocks = blocks;
  bloomWords = blocks == 0 ? 0 : bloomRegion;
  if (blocks != 0) memory.fill(bloomRegion, 0, blockBytes(blocks));
}

/** Bits within a block, from the hash remixed so they are independent of the block choice. */
@inline function inBlockBits(hash: u32): u32 {
  let h = (hash ^ 0x9747b28c) * 0x5bd1e995;
  h ^= h >>> 15;
  h *= 0x85ebca6b;
  return h ^ (h >>> 13);
}

/**
 * The block of a hash: its scaled high bits (not `hash % blocks`), so hashes in sorted order, as a
 * spill adds them, walk the filter from front to back instead of missing the cache on every add.
 */
@inline function blockOf(hash: u32): usize {
  return bloomWords + <usize>((<u64>hash * <u64>bloomBlocks) >>> 32) * WORDS_PER_BLOCK * 4;
}

export function bloomAdd(hash: u32): void {
  const base = blockOf(hash);
  const bits = inBlockBits(hash);
  const step = ((bits >>> 9) & 511) | 1; // odd, so the PROBES positions are distinct
  let bit = bits & 511;
  for (let k: u32 = 0; k < PROBES; k++) {
    const word = base + (<usize>(bit >>> 5) << 2);
    store<u32>(word, load<u32>(word) | (1 << (bit & 31)));
    bit = (bit + step) & 511;
  }
}

/** Loads the filter block of `hash` (if there is a filter), so its cache miss is under way early. */
export function bloomTouch(hash: u32): u32 {
  return bloomBlocks == 0 ? 0 : load<u32>(blockOf(hash));
}

/** False: never added. True: probably added. */
export function bloomMayContain(hash: u32): bool {
  if (bloomBlocks == 0) return false;
  const base = blockOf(hash);
  const bits = inBlockBits(hash);
  const step = ((bits >>> 9) & 511) | 1;
  let bit = bits & 511;
  for (let k: u32 = 0; k < PROBES; k++) {
    if ((load<u32>(base + (<usize>(bit >>> 5) << 2)) & (1 << (bit & 31))) == 0) return false;
    bit = (bit + step) & 511;
  }
  return true;
}

// ---- spilling: JavaScript writes the sorted pairs and the arena to disk as they lie in memory

let histogram: usize = 0;

/** One LSD radix pass over 16 bits of the low (h1) half of 64-bit pairs. */
function radixPass(from: usize, to: usize, n: u32, shift: u32): void {
  memory.fill(histogram, 0, 65536 << 2);
  for (let i: u32 = 0; i < n; i++) {
    const bucket = histogram + (<usize>((load<u32>(from + (<usize>i << 3)) >>> shift) & 0xffff) << 2);
    store<u32>(bucket, load<u32>(bucket) + 1);
  }
  let sum: u32 = 0;
  for (let b: usize = 0; b < 65536; b++) {
    const c = load<u32>(histogram + (b << 2));
    store<u32>(histogram + (b << 2), sum);
    sum += c;
  }
  for (let i: u32 = 0; i < n; i++) {
    const pair = load<u64>(from + (<usize>i << 3));
    const bucket = histogram + (<usize>((<u32>pair >>> shift) & 0xffff) << 2);
    const at = load<u32>(bucket);
    store<u32>(bucket, at + 1);
    store<u64>(to + (<usize>at << 3), pair);
  }
}

/**
 * Readies the set to be written as a run: its [h1, ref] pairs are packed to the table's front and
 * radix-sorted there by h1, so JavaScript writes `[tablePointer, + 8 × count)` as it is, with no
 * pass over the ids in JavaScript. JavaScript writes the arena `[arena, + arenaUsed)` first: the
 * sort uses the arena's bytes as its scratch (it always has room for 8 × count bytes, as the table
 * does), so a spill needs no memory of its own. Both are unusable afterwards: clearIds follows.
 * When `addToBloom`, every h1 also goes into the Bloom filter. Returns the count.
 */
export function spillBegin(addToBloom: bool): u32 {
  const slots = mask + 1;
  let n: u32 = 0;
  for (let j: u32 = 0; j < slots; j++) {
    const pair = load<u64>(table + (<usize>j << 3));
    if ((pair >>> 32) == 0) continue;
    store<u64>(table + (<usize>n << 3), pair);
    n++;
  }
  if (histogram == 0) histogram = heap.alloc(65536 << 2);
  radixPass(table, arena, n, 0);
  radixPass(arena, table, n, 16);
  if (addToBloom) for (let i: u32 = 0; i < n; i++) bloomAdd(load<u32>(table + (<usize>i << 3)));
  return n;
}
