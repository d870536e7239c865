/**
 * Byte layout shared by the in-memory id set (in the processor core, assembly/id-set.ts, which
 * also hashes entries) and the spilled id runs; assembly/id-entry.ts is the core's side of it.
 *
 * An id is stored as one header byte and then:
 *   header 0x00–0x7E  narrow: header + 1 UTF-16 code units (1–127), one byte each, all below 256;
 *   header 0x7F       a lowercase UUID (`8-4-4-4-12` hex digits `0-9a-f`) as its 16 bytes;
 *   header 0x80–0xFF  wide: (header & 0x7F) + 1 units (1–128), two bytes each, little-endian.
 * Valid ids are at most 64 code points, i.e. at most 128 units. The encoding is canonical (a UUID
 * always packed, else narrow whenever it fits), so two entries are the same id exactly when their
 * bytes are equal. Typed-array reads use `!`: every index is bounds-checked by the layout.
 */

/** Most units an id may have. */
export const MAX_ID_UNITS = 128;

/** Largest encoded id: header + 128 two-byte units. */
export const MAX_ENTRY_BYTES = 1 + 2 * MAX_ID_UNITS;

const UUID_HEADER = 0x7f;
const UUID_ENTRY_BYTES = 17;
const MAX_NARROW_UNITS = 127;
const LOWERCASE_UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** A lowercase hex digit's value. */
function hexValue(unit: number): number {
  return unit <= 0x39 ? unit - 0x30 : unit - 0x57;
}

/** A lowercase UUID's 16 bytes; its hyphens never split a pair of digits. */
function writeUuidEntry(text: string, bytes: Uint8Array, offset: number): void {
  bytes[offset] = UUID_HEADER;
  let p = offset + 1;
  for (let i = 0; i < text.length; ) {
    if (text.charCodeAt(i) === 0x2d) {
      i++;
      continue;
    }
    bytes[p++] = hexValue(text.charCodeAt(i)) * 16 + hexValue(text.charCodeAt(i + 1));
    i += 2;
  }
}

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
  if (text.length === 36 && LOWERCASE_UUID.test(text)) return writeUuidEntry(text, bytes, offset);
  if (text.length > MAX_NARROW_UNITS) return writeWideEntry(text, bytes, offset);
  let p = offset + 1;
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    if (unit > 0xff) return writeWideEntry(text, bytes, offset);
    bytes[p++] = unit;
  }
  bytes[offset] = text.length - 1;
}

/** Size in bytes of the entry encoded at `offset`. */
export function entrySize(bytes: Uint8Array, offset: number): number {
  const header = bytes[offset]!;
  if (header === UUID_HEADER) return UUID_ENTRY_BYTES;
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

/** The id encoded at `offset` (inverse of {@link writeEntry}). */
export function readEntry(bytes: Uint8Array, offset: number): string {
  const header = bytes[offset]!;
  const view = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (header === UUID_HEADER) {
    const hex = view.toString('hex', offset + 1, offset + UUID_ENTRY_BYTES);
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  }
  const length = (header & 0x7f) + 1;
  return (header & 0x80) !== 0 ? view.toString('utf16le', offset + 1, offset + 1 + 2 * length) : view.toString('latin1', offset + 1, offset + 1 + length);
}
