// Byte helpers shared by the tokenizer, the field rules and the tables: copies and compares eight
// bytes at a time, scans sixteen at a time with SIMD.

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

// ---- sixteen bytes at a time (WebAssembly SIMD: SSE on x64, NEON on arm64)

/** One bit per byte of the 16 at `p` that equals `a`, `b` or `c` (bit i = byte i). */
@inline export function bytesMatching3(p: usize, a: u8, b: u8, c: u8): u32 {
  const v = v128.load(p);
  return <u32>i8x16.bitmask(v128.or(v128.or(i8x16.eq(v, i8x16.splat(a)), i8x16.eq(v, i8x16.splat(b))), i8x16.eq(v, i8x16.splat(c))));
}

/** One bit per byte of the 16 at `p` that JSON escapes (below 0x20, `"`, `\\`) or that is not ASCII. */
@inline export function specialBytes(p: usize, quote: u8, backslash: u8, space: u8): u32 {
  const v = v128.load(p);
  const escaped = v128.or(v128.or(i8x16.lt_u(v, i8x16.splat(space)), i8x16.eq(v, i8x16.splat(quote))), i8x16.eq(v, i8x16.splat(backslash)));
  return <u32>i8x16.bitmask(escaped) | <u32>i8x16.bitmask(v);
}

/** One bit per byte of the 16 at `p` that is not ASCII. */
@inline export function nonAsciiBytes(p: usize): u32 {
  return <u32>i8x16.bitmask(v128.load(p));
}
