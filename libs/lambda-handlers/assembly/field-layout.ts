/*
 * Where the data contract's fields sit, as JavaScript writes it from FIELD_TABLE
 * (src/processing/field-table.ts) once the CSV header is known: no column index or output key is
 * spelled here. The core's rules (fields.ts) come in the table's order, FIELD_* below; JavaScript
 * checks FIELD_COUNT and OUTPUT_KEY_COUNT against the table before it writes.
 *
 * The layout at fieldLayoutPointer(), all little-endian:
 *   FIELD_COUNT × i32   column of each field in the CSV row (-1: the file has no such column)
 *   FIELD_COUNT × u8    1 when the field is required
 *   OUTPUT_KEY_COUNT × (u32 length, then that many bytes)   the JSON text before each output value,
 *                       e.g. `{"transactionId":"` then `","accountId":"` …, in NormalizedRecord order
 */

export const FIELD_ID: i32 = 0;
export const FIELD_ACCOUNT: i32 = 1;
export const FIELD_TIMESTAMP: i32 = 2;
export const FIELD_CURRENCY: i32 = 3;
export const FIELD_AMOUNT: i32 = 4;
export const FIELD_STATUS: i32 = 5;
export const FIELD_MERCHANT: i32 = 6;
export const FIELD_COUNT: i32 = 7;

export const KEY_ID: i32 = 0;
export const KEY_ACCOUNT: i32 = 1;
export const KEY_TIMESTAMP: i32 = 2;
export const KEY_DATE: i32 = 3;
export const KEY_CURRENCY: i32 = 4;
export const KEY_AMOUNT: i32 = 5;
export const KEY_STATUS: i32 = 6;
export const KEY_MERCHANT: i32 = 7;
/** After the last value: `"}` and the line feed. Its text is JavaScript's too. */
export const KEY_CLOSE: i32 = 8;
export const OUTPUT_KEY_COUNT: i32 = 9;

const LAYOUT_BYTES: usize = 1024;
let layout: usize = 0;

/** Cell index of each field (-1 when absent). */
export const columns = new StaticArray<i32>(FIELD_COUNT);
/** Cells a row needs for every required field; none fit before the header is known. */
export let requiredCells: u32 = u32.MAX_VALUE;
/** Each output key's text and length, in layout memory (followed by slack for word copies). */
export const keyText = new StaticArray<usize>(OUTPUT_KEY_COUNT);
export const keyLength = new StaticArray<usize>(OUTPUT_KEY_COUNT);
/** The longest line's constant bytes. */
export let keyBytes: usize = 0;

/** Where JavaScript writes the layout (LAYOUT_BYTES at most, zero slack needed). */
export function fieldLayoutPointer(): usize {
  if (layout == 0) layout = heap.alloc(LAYOUT_BYTES * 2);
  return layout;
}

/** Reads the layout JavaScript wrote; false if it does not fit. */
export function applyFieldLayout(): bool {
  let p = fieldLayoutPointer();
  let required: u32 = 0;
  for (let i = 0; i < FIELD_COUNT; i++) columns[i] = load<i32>(p + (<usize>i << 2));
  p += <usize>FIELD_COUNT << 2;
  for (let i = 0; i < FIELD_COUNT; i++) {
    const column = columns[i];
    if (load<u8>(p + <usize>i) != 0) {
      if (column < 0) return false;
      required = max(required, <u32>column + 1);
    }
  }
  p += <usize>FIELD_COUNT;
  // Each key's text is moved into the second half with 8 bytes of slack after it.
  let text = layout + LAYOUT_BYTES;
  keyBytes = 0;
  for (let i = 0; i < OUTPUT_KEY_COUNT; i++) {
    const length = <usize>load<u32>(p);
    if (p + 4 + length > layout + LAYOUT_BYTES || text + length + 8 > layout + 2 * LAYOUT_BYTES) return false;
    memory.copy(text, p + 4, length);
    keyText[i] = text;
    keyLength[i] = length;
    keyBytes += length;
    text += length + 8;
    p += 4 + length;
  }
  requiredCells = required;
  return true;
}
