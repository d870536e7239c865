/**
 * A blocked Bloom filter over 32-bit key hashes: every key maps to one 512-bit block (one cache
 * line) and sets {@link PROBES} bits inside it, so a lookup costs one cache miss. At 14 bits per
 * key the false-positive rate is about 0.3 %, plus the chance that another key has the same 32-bit
 * hash (n / 2^32: 0.2 % at 10 M keys). A false positive only costs a disk read, never a wrong
 * answer, and keying on the hash the id set already has saves a second pass over the id's bytes.
 */

const WORDS_PER_BLOCK = 16;
const PROBES = 8;

/** Bits within a block, from the hash remixed so they are independent of the block choice. */
function inBlockBits(hash: number): number {
  let h = Math.imul(hash ^ 0x9747b28c, 0x5bd1e995);
  h ^= h >>> 15;
  h = Math.imul(h, 0x85ebca6b);
  return (h ^ (h >>> 13)) >>> 0;
}

export class BlockedBloomFilter {
  private readonly words: Uint32Array;
  private readonly blocks: number;

  /** Sized for `capacity` keys; more keys still work, with a rising false-positive rate. */
  constructor(
    readonly capacity: number,
    bitsPerKey = 16,
  ) {
    this.blocks = Math.max(1, Math.ceil((capacity * bitsPerKey) / (WORDS_PER_BLOCK * 32)));
    this.words = new Uint32Array(this.blocks * WORDS_PER_BLOCK);
  }

  /** Bytes of the bit array. */
  get memoryBytes(): number {
    return this.words.byteLength;
  }

  /** Records a key by its 32-bit hash. */
  add(hash: number): void {
    const base = ((hash >>> 0) % this.blocks) * WORDS_PER_BLOCK;
    const bits = inBlockBits(hash);
    const step = ((bits >>> 9) & 511) | 1; // odd, so the PROBES positions are distinct
    let bit = bits & 511;
    for (let k = 0; k < PROBES; k++) {
      this.words[base + (bit >>> 5)]! |= 1 << (bit & 31);
      bit = (bit + step) & 511;
    }
  }

  /** False means definitely never added; true means probably added. */
  mayContain(hash: number): boolean {
    const base = ((hash >>> 0) % this.blocks) * WORDS_PER_BLOCK;
    const bits = inBlockBits(hash);
    const step = ((bits >>> 9) & 511) | 1;
    let bit = bits & 511;
    for (let k = 0; k < PROBES; k++) {
      if ((this.words[base + (bit >>> 5)]! & (1 << (bit & 31))) === 0) return false;
      bit = (bit + step) & 511;
    }
    return true;
  }
}
