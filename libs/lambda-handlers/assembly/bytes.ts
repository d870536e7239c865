// Word-at-a-time byte helpers shared by the tokenizer, the field rules and the tables.

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
