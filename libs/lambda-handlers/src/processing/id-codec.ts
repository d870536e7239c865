/**
 * Byte layout and hashes shared by the in-memory id set and the spilled id runs.
 *
 * An id is stored as one header byte and its UTF-16 code units: one byte each when every unit is
 * below 256 (bit 7 of the header clear), two bytes little-endian otherwise (bit 7 set). Bits 0–6
 * hold length − 1, so ids of 1–128 code units fit; valid ids are at most 64 code points, i.e. at
 * most 128 units. The encoding is canonical (narrow whenever possible), so two entries are the same
 * id exactly when their bytes are equal. Typed-array reads use `!`: every index is bounds-checked
 * by the layout.
 */

/** Most units an id may have. */
export const MAX_ID_UNITS = 128;

/** Largest encoded id: header + 128 two-byte units. */
export const MAX_ENTRY_BYTES = 1 + 2 * MAX_ID_UNITS;

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

function writeWideEntry(text: string, start: number, end: number, bytes: Uint8Array, offset: number): number {
  let a = FNV_OFFSET;
  let p = offset + 1;
  for (let i = start; i < end; i++) {
    const unit = text.charCodeAt(i);
    bytes[p++] = unit & 0xff;
    bytes[p++] = unit >>> 8;
    a = Math.imul(a ^ unit, FNV_PRIME);
  }
  bytes[offset] = 0x80 | (end - start - 1);
  return fmix32(a ^ (end - start));
}

/**
 * Encodes the id `text` (1–128 code units) at `offset` and returns its h1 hash, in one pass over
 * the characters. The caller guarantees {@link MAX_ENTRY_BYTES} of room.
 */
export function writeEntry(text: string, bytes: Uint8Array, offset: number): number {
  const start = 0;
  const end = text.length;
  let a = FNV_OFFSET;
  let p = offset + 1;
  for (let i = start; i < end; i++) {
    const unit = text.charCodeAt(i);
    if (unit > 0xff) return writeWideEntry(text, start, end, bytes, offset);
    bytes[p++] = unit;
    a = Math.imul(a ^ unit, FNV_PRIME);
  }
  bytes[offset] = end - start - 1;
  return fmix32(a ^ (end - start));
}

/**
 * {@link writeEntry} for an id given as ASCII bytes (`bytes[start, end)`, 1–128 of them): the same
 * entry and hash as for the equal string.
 */
export function writeAsciiEntry(source: Uint8Array, start: number, end: number, bytes: Uint8Array, offset: number): number {
  let a = FNV_OFFSET;
  let p = offset + 1;
  for (let i = start; i < end; i++) {
    const unit = source[i]!;
    bytes[p++] = unit;
    a = Math.imul(a ^ unit, FNV_PRIME);
  }
  bytes[offset] = end - start - 1;
  return fmix32(a ^ (end - start));
}

/** Size in bytes of the entry encoded at `offset`. */
export function entrySize(bytes: Uint8Array, offset: number): number {
  const header = bytes[offset]!;
  const length = (header & 0x7f) + 1;
  return 1 + ((header & 0x80) !== 0 ? 2 * length : length);
}

/** Whether two encoded entries are the same id. */
export function entriesEqual(a: Uint8Array, aOffset: number, b: Uint8Array, bOffset: number): boolean {
  const header = a[aOffset]!;
  if (header !== b[bOffset]) return false;
  const end = aOffset + entrySize(a, aOffset);
  for (let i = aOffset + 1, j = bOffset + 1; i < end; i++, j++) {
    if (a[i] !== b[j]) return false;
  }
  return true;
}
