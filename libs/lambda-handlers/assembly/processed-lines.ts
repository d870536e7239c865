import { BACKSLASH, COLON, DIGIT_ZERO, HYPHEN_MINUS, LF, POINT, QUOTE, SPACE, UPPER_T, UPPER_Z } from './ascii';
import { copyWords } from './bytes';
import { SLACK } from './csv-records';
import * as field from './fields';
import { Row } from './row';
import { KEY_ACCOUNT, KEY_AMOUNT, KEY_CLOSE, KEY_CURRENCY, KEY_DATE, KEY_ID, KEY_MERCHANT, KEY_STATUS, KEY_TIMESTAMP, keyBytes, keyLength, keyText } from './field-layout';

/*
 * The processed JSON lines, assembled here and handed to JavaScript in chunks of about
 * `chunkBytes` (whole lines). Every line is byte for byte what `JSON.stringify(record)` gives for
 * a NormalizedRecord (same key order, same escaping). JavaScript appends the lines of rows the
 * general path accepted into the same buffer, so lines stay in file order.
 */

export let outputBase: usize = 0;
let outputBytes: usize = 0;
export let outputEnd: usize = 0;
export let chunkBytes: usize = 0;

/** The constant parts of a line, each followed by slack for word copies. */
let constants: usize = 0;
let constantsUsed: usize = 0;
/** Indexed like TRANSACTION_STATUSES. */
let statusNames: StaticArray<usize> = new StaticArray<usize>(3);
let statusLengths: StaticArray<usize> = [7, 7, 8];

function constant(text: string): usize {
  const p = constants + constantsUsed;
  for (let i = 0; i < text.length; i++) store<u8>(p + i, <u8>text.charCodeAt(i));
  constantsUsed += <usize>text.length + SLACK;
  return p;
}

export function initOutput(chunk: usize): void {
  chunkBytes = chunk;
  outputBytes = chunk + 64 * 1024;
  outputBase = heap.alloc(outputBytes + SLACK);
  outputEnd = outputBase;
  constants = heap.alloc(512);
  statusNames[0] = constant('settled');
  statusNames[1] = constant('pending');
  statusNames[2] = constant('reversed');
}

/** Makes room for `bytes` more bytes after {@link outputEnd} (the buffer may move). */
export function reserveOutput(bytes: usize): void {
  const used = outputEnd - outputBase;
  if (used + bytes <= outputBytes) return;
  outputBytes = max(outputBytes << 1, used + bytes);
  outputBase = heap.realloc(outputBase, outputBytes + SLACK);
  outputEnd = outputBase + used;
}

export function setOutputEnd(end: usize): void {
  outputEnd = end;
}

export function outputTaken(): void {
  outputEnd = outputBase;
}

@inline function putTwoDigits(p: usize, value: i32): void {
  store<u8>(p, <u8>(DIGIT_ZERO + value / 10));
  store<u8>(p + 1, <u8>(DIGIT_ZERO + value % 10));
}

const HEX: StaticArray<u8> = [48, 49, 50, 51, 52, 53, 54, 55, 56, 57, 97, 98, 99, 100, 101, 102];

/** `[start, end)` (well-formed UTF-8) with JSON.stringify's escapes, at `p`; returns the new end. */
function putEscaped(p: usize, start: usize, end: usize): usize {
  for (let i = start; i < end; i++) {
    const byte = <u32>load<u8>(i);
    if (byte >= SPACE && byte != QUOTE && byte != BACKSLASH) {
      store<u8>(p++, <u8>byte);
      continue;
    }
    store<u8>(p++, <u8>BACKSLASH);
    if (byte == QUOTE || byte == BACKSLASH) store<u8>(p++, <u8>byte);
    else if (byte == 0x08) store<u8>(p++, 0x62); // b
    else if (byte == 0x0c) store<u8>(p++, 0x66); // f
    else if (byte == LF) store<u8>(p++, 0x6e); // n
    else if (byte == 0x0d) store<u8>(p++, 0x72); // r
    else if (byte == 0x09) store<u8>(p++, 0x74); // t
    else {
      store<u16>(p, 0x3075); // u0
      store<u8>(p + 2, <u8>DIGIT_ZERO);
      store<u8>(p + 3, unchecked(HEX[byte >>> 4]));
      store<u8>(p + 4, unchecked(HEX[byte & 15]));
      p += 5;
    }
  }
  return p;
}

@inline function putText(p: usize, start: usize, end: usize, kind: i32): usize {
  if (kind != field.PLAIN_TEXT) return putEscaped(p, start, end);
  copyWords(p, start, end - start);
  return p + (end - start);
}

/** Copies output key `key`'s text (field-layout.ts) to `p`; returns the new end. */
@inline function putKey(p: usize, key: i32): usize {
  const length = unchecked(keyLength[key]);
  copyWords(p, unchecked(keyText[key]), length);
  return p + length;
}

/** Writes the line of a row the fast path accepted. */
export function writeLine(row: Row): void {
  const idStart = row.idStart;
  const idEnd = row.idEnd;
  const accountStart = row.accountStart;
  const accountEnd = row.accountEnd;
  const merchantStart = row.merchantStart;
  const merchantEnd = row.merchantEnd;
  // A line is at most the keys' bytes, 6 per escaped byte, 24 + fraction for the timestamp, 10
  // for the date, 3 for the currency, 20 for the amount, 8 for the status, plus word-copy slack.
  reserveOutput(keyBytes + 128 + 6 * (idEnd - idStart + accountEnd - accountStart + merchantEnd - merchantStart) + (row.fractionEnd - row.fractionStart));
  let p = putKey(outputEnd, KEY_ID);
  p = putText(p, idStart, idEnd, row.idKind);
  p = putKey(p, KEY_ACCOUNT);
  p = putText(p, accountStart, accountEnd, row.accountKind);
  p = putKey(p, KEY_TIMESTAMP);
  if (row.canonical) {
    // The source already is `yyyy-mm-ddThh:mm:ss.fffZ`; its first 10 bytes are the date.
    const start = row.secondAt - 17;
    copyWords(p, start, 24);
    p = putKey(p + 24, KEY_DATE);
    copyWords(p, start, 10);
    p += 10;
  } else {
    const date = p;
    putTwoDigits(p, row.year / 100);
    putTwoDigits(p + 2, row.year % 100);
    store<u8>(p + 4, <u8>HYPHEN_MINUS);
    putTwoDigits(p + 5, row.month);
    store<u8>(p + 7, <u8>HYPHEN_MINUS);
    putTwoDigits(p + 8, row.day);
    store<u8>(p + 10, <u8>UPPER_T);
    putTwoDigits(p + 11, row.hour);
    store<u8>(p + 13, <u8>COLON);
    putTwoDigits(p + 14, row.minute);
    store<u8>(p + 16, <u8>COLON);
    store<u16>(p + 17, load<u16>(row.secondAt));
    store<u8>(p + 19, <u8>POINT);
    p += 20;
    const fraction = row.fractionEnd - row.fractionStart;
    copyWords(p, row.fractionStart, fraction);
    p += fraction;
    for (let z = fraction; z < 3; z++) store<u8>(p++, <u8>DIGIT_ZERO);
    store<u8>(p++, <u8>UPPER_Z);
    p = putKey(p, KEY_DATE);
    copyWords(p, date, 10);
    p += 10;
  }
  p = putKey(p, KEY_CURRENCY);
  store<u16>(p, load<u16>(row.currencyStart));
  store<u8>(p + 2, load<u8>(row.currencyStart + 2));
  p = putKey(p + 3, KEY_AMOUNT);
  if (row.headStart == row.headEnd && row.tailStart == row.tailEnd) {
    store<u8>(p++, <u8>DIGIT_ZERO);
  } else {
    if (row.negative) store<u8>(p++, <u8>HYPHEN_MINUS);
    copyWords(p, row.headStart, row.headEnd - row.headStart);
    p += row.headEnd - row.headStart;
    copyWords(p, row.tailStart, row.tailEnd - row.tailStart);
    p += row.tailEnd - row.tailStart;
    for (let z = 0; z < row.padZeros; z++) store<u8>(p++, <u8>DIGIT_ZERO);
  }
  p = putKey(p, KEY_STATUS);
  const nameLength = unchecked(statusLengths[row.status]);
  copyWords(p, unchecked(statusNames[row.status]), nameLength);
  p += nameLength;
  if (merchantEnd > merchantStart) {
    p = putKey(p, KEY_MERCHANT);
    p = putText(p, merchantStart, merchantEnd, row.merchantKind);
  }
  outputEnd = putKey(p, KEY_CLOSE);
}
