import { HYPHEN_MINUS } from './ascii';

/*
 * How the id set stores an id (the same layout as src/processing/id-codec.ts, which writes it for
 * the general path and compares spilled entries): one header byte, then
 *   header 0x00–0x7E  narrow: header + 1 UTF-16 units (1–127), one byte each, all below 256;
 *   header 0x7F       a lowercase UUID (`8-4-4-4-12` hex digits `0-9a-f`) as its 16 bytes;
 *   header 0x80–0xFF  wide: (header & 0x7F) + 1 units (1–128), two bytes each, little-endian.
 * Every id has exactly one encoding, so two entries hold the same id exactly when their bytes are
 * equal. UUIDs are the usual transaction id: 17 bytes instead of 37 fit twice as many ids in the
 * budget before they spill, and halve what a spill writes.
 */

export const UUID_HEADER: u32 = 0x7f;
export const UUID_ENTRY_BYTES: usize = 17;
export const UUID_TEXT_BYTES: usize = 36;

/** Size in bytes of the entry at `p`. */
@inline export function entrySize(p: usize): usize {
  const header = <u32>load<u8>(p);
  if (header == UUID_HEADER) return UUID_ENTRY_BYTES;
  const units = <usize>(header & 0x7f) + 1;
  return 1 + ((header & 0x80) != 0 ? units << 1 : units);
}

/**
 * Writes the entry of the 36 bytes at `text` to `entry` and returns true when they are a lowercase
 * UUID; false otherwise (and `entry` holds nothing useful). Reads exactly the 36 bytes, sixteen at
 * a time: the 32 digits are gathered past the hyphens, checked and turned into nibbles together,
 * then pairs of nibbles are packed into bytes.
 */
export function packUuidEntry(text: usize, entry: usize): bool {
  const hyphens = (<u32>load<u8>(text + 8) << 24) | (<u32>load<u8>(text + 13) << 16) | (<u32>load<u8>(text + 18) << 8) | <u32>load<u8>(text + 23);
  if (hyphens != HYPHEN_MINUS * 0x01010101) return false;
  const a = v128.load(text);
  const b = v128.load(text + 16);
  const c = v128.load(text + 20);
  // Digits 0–15: text 0–7, 9–12, 14–17; digits 16–31: text 19–22, 24–35.
  const first = i8x16.shuffle(a, b, 0, 1, 2, 3, 4, 5, 6, 7, 9, 10, 11, 12, 14, 15, 16, 17);
  const second = i8x16.shuffle(b, c, 3, 4, 5, 6, 8, 9, 10, 11, 12, 13, 14, 15, 28, 29, 30, 31);
  if (!i8x16.all_true(v128.and(isHexDigit(first), isHexDigit(second)))) return false;
  store<u8>(entry, <u8>UUID_HEADER);
  v128.store(entry + 1, i8x16.narrow_i16x8_u(pairs(hexValue(first)), pairs(hexValue(second))));
  return true;
}

/** A lane of ones for each byte that is a lowercase hex digit (`0-9a-f`). */
@inline function isHexDigit(digits: v128): v128 {
  const decimal = i8x16.le_u(i8x16.sub(digits, i8x16.splat(0x30)), i8x16.splat(9));
  return v128.or(decimal, i8x16.le_u(i8x16.sub(digits, i8x16.splat(0x61)), i8x16.splat(5)));
}

/** Each byte's value as a hex digit (meaningful where {@link isHexDigit}). */
@inline function hexValue(digits: v128): v128 {
  const decimal = i8x16.sub(digits, i8x16.splat(0x30));
  const letter = i8x16.sub(digits, i8x16.splat(0x61 - 10));
  return v128.bitselect(decimal, letter, i8x16.le_u(decimal, i8x16.splat(9)));
}

/** Every 16-bit lane's two nibbles (high one first in the text) as one byte in its low half. */
@inline function pairs(values: v128): v128 {
  const high = v128.and(values, i16x8.splat(0x00ff));
  const low = i16x8.shr_u(values, 8);
  return v128.or(i16x8.shl(high, 4), low);
}
