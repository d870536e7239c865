@inline function rotl(x: u32, r: u32): u32 {
  return (x << r) | (x >>> (32 - r));
}

/**
 * MurmurHash3 (x86, 32-bit, seed 0x9747b28c) of the bytes `[start, end)`: four bytes per step, for
 * the id and account tables.
 */
export function hashBytes(start: usize, end: usize): u32 {
  let h: u32 = 0x9747b28c;
  let i = start;
  for (; i + 4 <= end; i += 4) {
    const k = rotl(load<u32>(i) * 0xcc9e2d51, 15) * 0x1b873593;
    h ^= k;
    h = rotl(h, 13) * 5 + 0xe6546b64;
  }
  if (i < end) {
    let k: u32 = 0;
    for (let shift: u32 = 0; i < end; i++, shift += 8) k |= <u32>load<u8>(i) << shift;
    h ^= rotl(k * 0xcc9e2d51, 15) * 0x1b873593;
  }
  h ^= <u32>(end - start);
  h ^= h >>> 16;
  h *= 0x85ebca6b;
  h ^= h >>> 13;
  h *= 0xc2b2ae35;
  return h ^ (h >>> 16);
}

/** Whether `n` bytes at `a` and at `b` are equal, eight at a time. */
export function bytesEqual(a: usize, b: usize, n: usize): bool {
  let i: usize = 0;
  for (; i + 8 <= n; i += 8) if (load<u64>(a + i) != load<u64>(b + i)) return false;
  for (; i < n; i++) if (load<u8>(a + i) != load<u8>(b + i)) return false;
  return true;
}

/**
 * Copies `n` bytes eight at a time. It may read up to 7 bytes past `src + n` and write up to 7
 * past `dst + n`: every buffer it writes into keeps that much slack at its end.
 */
@inline export function copyWords(dst: usize, src: usize, n: usize): void {
  for (let i: usize = 0; i < n; i += 8) store<u64>(dst + i, load<u64>(src + i));
}

/** Zeroed memory from the heap. */
export function allocZeroed(bytes: usize): usize {
  const p = heap.alloc(bytes);
  memory.fill(p, 0, bytes);
  return p;
}

// ---- eight bytes at a time (SWAR)

export const ONES: u64 = 0x0101010101010101;
const LOW7: u64 = 0x7f7f7f7f7f7f7f7f;
export const HIGHS: u64 = 0x8080808080808080;

/** The high bit of every byte of `word` that is zero, and no other bit (exact, no carries across bytes). */
@inline export function zeroBytes(word: u64): u64 {
  return ~(((word & LOW7) + LOW7) | word | LOW7);
}

/** The high bit of every byte of `word` equal to `byte`. */
@inline export function bytesEqualTo(word: u64, byte: u32): u64 {
  return zeroBytes(word ^ (ONES * <u64>byte));
}
