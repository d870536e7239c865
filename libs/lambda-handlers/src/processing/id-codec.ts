/**
 * Byte layout shared by the in-memory id set (in the processor core, assembly/id-set.ts, which
 * also hashes entries) and the spilled id runs.
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

function writeWideEntry(text: string, bytes: Uint8Array, offset: number): void {
  let p = offset + 1;
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    bytes[p++] = unit & 0xff;
    bytes[p++] = unit >>> 8;
  }
  bytes[offset] = 0x80 | (text.length - 1);
}

/** Encodes the id `text` (1–128 code units) at `offset`. The caller guarantees {@link MAX_ENTRY_BYTES} of room. */
export function writeEntry(text: string, bytes: Uint8Array, offset: number): void {
  let p = offset + 1;
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    if (unit > 0xff) return writeWideEntry(text, bytes, offset);
    bytes[p++] = unit;
  }
  bytes[offset] = text.length - 1;
}

/** Size in bytes of the entry encoded at `offset`. */
function entrySize(bytes: Uint8Array, offset: number): number {
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
