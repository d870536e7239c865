@inline function rotl(x: u32, r: u32): u32 {
  return (x << r) | (x >>> (32 - r));
}

const SEED: u32 = 0x9747b28c;

@inline function mixWord(h: u32, word: u32): u32 {
  h ^= rotl(word * 0xcc9e2d51, 15) * 0x1b873593;
  return rotl(h, 13) * 5 + 0xe6546b64;
}

@inline function finish(h: u32, length: u32): u32 {
  h ^= length;
  h ^= h >>> 16;
  h *= 0x85ebca6b;
  h ^= h >>> 13;
  h *= 0xc2b2ae35;
  return h ^ (h >>> 16);
}

/**
 * MurmurHash3 (x86, 32-bit, seed 0x9747b28c) of the bytes `[start, end)`: four bytes per step, for
 * the id and account tables.
 */
export function hashBytes(start: usize, end: usize): u32 {
  let h = SEED;
  let i = start;
  for (; i + 4 <= end; i += 4) h = mixWord(h, load<u32>(i));
  if (i < end) {
    let k: u32 = 0;
    for (let shift: u32 = 0; i < end; i++, shift += 8) k |= <u32>load<u8>(i) << shift;
    h ^= rotl(k * 0xcc9e2d51, 15) * 0x1b873593;
  }
  return finish(h, <u32>(end - start));
}

/**
 * {@link hashBytes} of the id entry that `[start, end)` (ASCII, 1–127 bytes, not a lowercase UUID) encodes to, i.e. of
 * the header byte `end − start − 1` followed by those bytes, without writing the entry anywhere.
 */
export function hashAsciiEntry(start: usize, end: usize): u32 {
  const length = <u32>(end - start) + 1;
  const header = length - 2;
  let h = SEED;
  let j: u32 = 0; // offset in the entry; entry byte j ≥ 1 is start[j − 1]
  if (length >= 4) {
    h = mixWord(h, header | (load<u32>(start) << 8));
    for (j = 4; j + 4 <= length; j += 4) h = mixWord(h, load<u32>(start + j - 1));
  }
  if (j < length) {
    let k: u32 = 0;
    for (let shift: u32 = 0; j < length; j++, shift += 8) k |= (j == 0 ? header : <u32>load<u8>(start + j - 1)) << shift;
    h ^= rotl(k * 0xcc9e2d51, 15) * 0x1b873593;
  }
  return finish(h, length);
}
