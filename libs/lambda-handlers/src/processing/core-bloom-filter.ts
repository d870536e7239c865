import type { ProcessorCore } from './processor-core.js';

const BLOCK_BITS = 512;

/**
 * The Bloom filter over the h1 hashes of spilled transaction ids, kept in the processor core so
 * its fast path can rule an id out without calling JavaScript (assembly/id-set.ts has the bit
 * layout: a blocked filter, one 64-byte block per key, eight bits set in it). At 14 bits per key
 * the false-positive rate is about 0.3 %, plus the chance that another key has the same 32-bit
 * hash (n / 2^32: 0.2 % at 10 M keys); a false positive only costs a disk read. A core holds one
 * filter: a new one replaces the last, in the same bytes (the core reserves room for the largest).
 */
export class CoreBloomFilter {
  private readonly blocks: number;

  /**
   * Sized for `capacity` keys; more keys still work, with a rising false-positive rate.
   * `maxBytes` is the most any filter of this core will take: the first one reserves it.
   */
  constructor(
    private readonly core: ProcessorCore,
    readonly capacity: number,
    bitsPerKey = 16,
    maxBytes = 0,
  ) {
    this.blocks = Math.max(1, Math.ceil((capacity * bitsPerKey) / BLOCK_BITS));
    core.exports.bloomReset(this.blocks, Math.floor(maxBytes / (BLOCK_BITS / 8)));
  }

  /** Bytes of the bit array. */
  get memoryBytes(): number {
    return this.blocks * (BLOCK_BITS / 8);
  }

  /** Records a key by its 32-bit hash. */
  add(hash: number): void {
    this.core.exports.bloomAdd(hash);
  }

  /** False means definitely never added; true means probably added. */
  mayContain(hash: number): boolean {
    return this.core.exports.bloomMayContain(hash) !== 0;
  }
}
