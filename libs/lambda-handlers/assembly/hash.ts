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
