/**
 * The field rules (timestamp, amount) read bytes, as the CSV hot path finds its fields in the file's
 * bytes. Strings from elsewhere (JSON Lines values, quoted CSV cells) are checked by the same code
 * through this view of them.
 */

const NON_ASCII = 0xff;
let scratch = new Uint8Array(256);

/**
 * `text` as one byte per UTF-16 unit, with every unit above 0x7f as 0xff: no field rule accepts a
 * non-ASCII character, and 0xff is no ASCII byte, so a rule rejects the bytes exactly when it would
 * reject the text. The result is a shared scratch buffer, valid until the next call.
 */
export function ruleBytes(text: string): Uint8Array {
  if (text.length > scratch.length) scratch = new Uint8Array(2 * text.length);
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    scratch[i] = unit > 0x7f ? NON_ASCII : unit;
  }
  return scratch.subarray(0, text.length);
}

/** `bytes[start, end)` as a string of one char per byte (callers pass ASCII). */
export function asciiText(bytes: Uint8Array, start: number, end: number): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset + start, end - start).toString('latin1');
}
