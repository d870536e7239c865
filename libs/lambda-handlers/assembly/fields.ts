import { BACKSLASH, COLON, DIGIT_ZERO, HYPHEN_MINUS, PLUS, POINT, QUOTE, SPACE, UPPER_T, UPPER_Z } from './ascii';
import { allocZeroed, nonAsciiBytes, specialBytes } from './bytes';
import { Row } from './row';

/*
 * SPEC §5's field rules over bytes, as src/processing/timestamp.ts and amount.ts state them (those
 * are the reference and the general path; format-equivalence.test.ts holds the two to the same
 * output). A function here answers false for anything it does not accept, and the row then goes
 * to the general path, which names the reason.
 */

// ---- timestamp: `yyyy-mm-ddThh:mm:ss[.f…](Z|±hh:mm)` → UTC parts

@inline function twoDigits(p: usize): i32 {
  const a = <u32>load<u8>(p) - DIGIT_ZERO;
  const b = <u32>load<u8>(p + 1) - DIGIT_ZERO;
  return a > 9 || b > 9 ? -1 : <i32>(a * 10 + b);
}

@inline function isDigit(byte: u32): bool {
  return byte - DIGIT_ZERO <= 9;
}

function isLeapYear(y: i32): bool {
  return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

function daysInMonth(y: i32, m: i32): i32 {
  if (m == 2) return isLeapYear(y) ? 29 : 28;
  return m == 4 || m == 6 || m == 9 || m == 11 ? 30 : 31;
}

/** Checks the timestamp `[start, end)` and writes its UTC parts into `row`. */
export function parseTimestamp(start: usize, end: usize, row: Row): bool {
  if (end - start < 20) return false;
  const century = twoDigits(start);
  const yy = twoDigits(start + 2);
  const y = century * 100 + yy;
  const mo = twoDigits(start + 5);
  const d = twoDigits(start + 8);
  const h = twoDigits(start + 11);
  const mi = twoDigits(start + 14);
  const s = twoDigits(start + 17);
  if (
    century < 0 ||
    yy < 0 ||
    <u32>load<u8>(start + 4) != HYPHEN_MINUS ||
    mo < 1 ||
    mo > 12 ||
    <u32>load<u8>(start + 7) != HYPHEN_MINUS ||
    d < 1 ||
    d > daysInMonth(y, mo) ||
    <u32>load<u8>(start + 10) != UPPER_T ||
    h < 0 ||
    h > 23 ||
    <u32>load<u8>(start + 13) != COLON ||
    mi < 0 ||
    mi > 59 ||
    <u32>load<u8>(start + 16) != COLON ||
    s < 0 ||
    s > 59
  ) {
    return false;
  }
  let i = start + 19;
  let fraction = i;
  if (i < end && <u32>load<u8>(i) == POINT) {
    fraction = ++i;
    while (i < end && isDigit(<u32>load<u8>(i))) i++;
    if (i == fraction) return false;
  }
  const digitsEnd = i;
  let kept = digitsEnd;
  while (kept - fraction > 3 && <u32>load<u8>(kept - 1) == DIGIT_ZERO) kept--;
  row.secondAt = start + 17;
  row.fractionStart = fraction;
  row.fractionEnd = kept;

  const zone: u32 = i < end ? <u32>load<u8>(i) : 0;
  if (zone == UPPER_Z && i + 1 == end) {
    row.year = y;
    row.month = mo;
    row.day = d;
    row.hour = h;
    row.minute = mi;
    row.canonical = digitsEnd - fraction == 3;
    return true;
  }
  if (!((zone == PLUS || zone == HYPHEN_MINUS) && i + 6 == end && <u32>load<u8>(i + 3) == COLON)) return false;
  const offsetHour = twoDigits(i + 1);
  const offsetMinute = twoDigits(i + 4);
  if (offsetHour < 0 || offsetHour > 23 || offsetMinute < 0 || offsetMinute > 59) return false;
  const offset = (zone == HYPHEN_MINUS ? -1 : 1) * (offsetHour * 60 + offsetMinute);

  // Local time minus offset = UTC. |offset| < 24 h, so the date moves by at most one day.
  let minuteOfDay = h * 60 + mi - offset;
  let uy = y;
  let um = mo;
  let ud = d;
  if (minuteOfDay < 0) {
    minuteOfDay += 1440;
    if (--ud < 1) {
      if (--um < 1) {
        um = 12;
        uy--;
      }
      ud = daysInMonth(uy, um);
    }
  } else if (minuteOfDay >= 1440) {
    minuteOfDay -= 1440;
    if (++ud > daysInMonth(uy, um)) {
      ud = 1;
      if (++um > 12) {
        um = 1;
        uy++;
      }
    }
  }
  if (uy < 0 || uy > 9999) return false;
  row.year = uy;
  row.month = um;
  row.day = ud;
  row.hour = minuteOfDay / 60;
  row.minute = minuteOfDay % 60;
  row.canonical = false;
  return true;
}

// ---- amount: `-?[0-9]+(\.[0-9]{1,d})?` → exact minor units

/** SPEC §5: amounts are below 10^18 minor units, so every valid one fits an i64 (amount.ts MAX_AMOUNT_DIGITS). */
const MAX_AMOUNT_DIGITS: i32 = 18;


/** Checks the amount `[start, end)` for a currency of `minorDigits` and writes its parts into `row`. */
export function parseAmount(start: usize, end: usize, minorDigits: i32, row: Row): bool {
  let i = start;
  const minus = i < end && <u32>load<u8>(i) == HYPHEN_MINUS;
  if (minus) i++;
  const intStart = i;
  while (i < end && isDigit(<u32>load<u8>(i))) i++;
  const intEnd = i;
  if (intEnd == intStart) return false;
  let fraction = i;
  let fractionLast = i;
  if (i < end) {
    if (<u32>load<u8>(i) != POINT || minorDigits == 0) return false;
    fraction = ++i;
    while (i < end && isDigit(<u32>load<u8>(i))) i++;
    fractionLast = i;
    const fractionDigits = <i32>(fractionLast - fraction);
    if (i != end || fractionDigits == 0 || fractionDigits > minorDigits) return false;
  }
  // Skip leading zeros of the integer part, then of the fraction if the integer part was all zeros.
  let first = intStart;
  while (first < intEnd && <u32>load<u8>(first) == DIGIT_ZERO) first++;
  let tail = fraction;
  if (first == intEnd) while (tail < fractionLast && <u32>load<u8>(tail) == DIGIT_ZERO) tail++;
  const isZero = first == intEnd && tail == fractionLast;
  const pad = isZero ? 0 : minorDigits - <i32>(fractionLast - fraction);
  if (<i32>(intEnd - first) + <i32>(fractionLast - tail) + pad > MAX_AMOUNT_DIGITS) return false;
  row.negative = minus;
  row.headStart = first;
  row.headEnd = intEnd;
  row.tailStart = tail;
  row.tailEnd = fractionLast;
  row.padZeros = pad;
  let value: i64 = 0;
  for (let p = first; p < intEnd; p++) value = value * 10 + <i64>(<u32>load<u8>(p) - DIGIT_ZERO);
  for (let p = tail; p < fractionLast; p++) value = value * 10 + <i64>(<u32>load<u8>(p) - DIGIT_ZERO);
  for (let z = 0; z < pad; z++) value *= 10;
  row.amount = minus ? -value : value;
  return true;
}

// ---- currencies: the three letters packed into one integer → index in the JS CurrencyTable

const CURRENCY_SLOTS: u32 = 256;
/** Slot i: [packed code u32, index + 1 u32]. */
let currencySlots: usize = 0;
/** Minor digits per index. */
let currencyDigits: usize = 0;

export function initCurrencies(): void {
  currencySlots = allocZeroed(<usize>CURRENCY_SLOTS << 3);
  currencyDigits = allocZeroed(CURRENCY_SLOTS);
}

@inline function currencySlot(packed: u32): u32 {
  return (packed * 0x9e3779b1) >>> 24;
}

export function addCurrency(packed: u32, index: u32, minorDigits: u32): void {
  let i = currencySlot(packed);
  while (load<u32>(currencySlots + (<usize>i << 3) + 4) != 0) i = (i + 1) & (CURRENCY_SLOTS - 1);
  store<u32>(currencySlots + (<usize>i << 3), packed);
  store<u32>(currencySlots + (<usize>i << 3) + 4, index + 1);
  store<u8>(currencyDigits + index, <u8>minorDigits);
}

/** Index of the currency code `[start, end)`, or -1. */
export function currencyIndex(start: usize, end: usize): i32 {
  if (end - start != 3) return -1;
  const packed = (<u32>load<u8>(start) << 16) | (<u32>load<u8>(start + 1) << 8) | <u32>load<u8>(start + 2);
  for (let i = currencySlot(packed); ; i = (i + 1) & (CURRENCY_SLOTS - 1)) {
    const index = load<u32>(currencySlots + (<usize>i << 3) + 4);
    if (index == 0) return -1;
    if (load<u32>(currencySlots + (<usize>i << 3)) == packed) return <i32>index - 1;
  }
  return -1;
}

export function minorDigitsOf(currency: i32): i32 {
  return <i32>load<u8>(currencyDigits + currency);
}

// ---- status: index into TRANSACTION_STATUSES (settled, pending, reversed)

export function statusIndex(start: usize, end: usize): i32 {
  const length = end - start;
  if (length == 7) {
    const head = load<u32>(start);
    const rest = load<u32>(start + 3);
    if (head == 0x74746573 && rest == 0x64656c74) return 0; // sett|tled
    if (head == 0x646e6570 && rest == 0x676e6964) return 1; // pend|ding
    return -1;
  }
  return length == 8 && load<u64>(start) == 0x6465737265766572 ? 2 : -1; // reversed
}

// ---- text fields

/** Bytes JSON.stringify copies as they are: printable ASCII but `"` and `\`. */
export const PLAIN_TEXT: i32 = 0;
/** Valid UTF-8 with non-ASCII characters or bytes JSON escapes. */
export const ESCAPED_TEXT: i32 = 1;
/** Invalid UTF-8: decoding replaces bytes, which only the general path does. */
export const INVALID_TEXT: i32 = -1;

@inline function isContinuation(p: usize): bool {
  return (<u32>load<u8>(p) & 0xc0) == 0x80;
}

/**
 * How the cell `[start, end)` goes into a JSON string: PLAIN_TEXT, ESCAPED_TEXT or INVALID_TEXT.
 * Reads up to 15 bytes past `end` (a cell has VECTOR_SLACK after it, see csv-records.ts).
 */
export function textKind(start: usize, end: usize): i32 {
  let i = start;
  // The usual field is plain ASCII: sixteen bytes per step until something needs a closer look,
  // the last step masked to the bytes that are the cell's.
  while (i + 16 <= end && specialBytes(i, <u8>QUOTE, <u8>BACKSLASH, <u8>SPACE) == 0) i += 16;
  if (i < end && i + 16 > end && (specialBytes(i, <u8>QUOTE, <u8>BACKSLASH, <u8>SPACE) & ((<u32>1 << <u32>(end - i)) - 1)) == 0) return PLAIN_TEXT;
  let kind = PLAIN_TEXT;
  while (i < end) {
    const byte = <u32>load<u8>(i);
    if (byte < 0x80) {
      if (byte < SPACE || byte == QUOTE || byte == BACKSLASH) kind = ESCAPED_TEXT;
      i++;
      continue;
    }
    kind = ESCAPED_TEXT;
    // Well-formed UTF-8 (RFC 3629): no overlong forms, no surrogates, nothing above U+10FFFF.
    if (byte >= 0xc2 && byte <= 0xdf) {
      if (i + 1 >= end || !isContinuation(i + 1)) return INVALID_TEXT;
      i += 2;
    } else if (byte >= 0xe0 && byte <= 0xef) {
      if (i + 2 >= end || !isContinuation(i + 2)) return INVALID_TEXT;
      const second = <u32>load<u8>(i + 1);
      const low: u32 = byte == 0xe0 ? 0xa0 : 0x80;
      const high: u32 = byte == 0xed ? 0x9f : 0xbf;
      if (second < low || second > high) return INVALID_TEXT;
      i += 3;
    } else if (byte >= 0xf0 && byte <= 0xf4) {
      if (i + 3 >= end || !isContinuation(i + 2) || !isContinuation(i + 3)) return INVALID_TEXT;
      const second = <u32>load<u8>(i + 1);
      const low: u32 = byte == 0xf0 ? 0x90 : 0x80;
      const high: u32 = byte == 0xf4 ? 0x8f : 0xbf;
      if (second < low || second > high) return INVALID_TEXT;
      i += 4;
    } else {
      return INVALID_TEXT;
    }
  }
  return kind;
}

/** Whether every byte of the cell `[start, end)` is ASCII. Reads up to 15 bytes past `end`, as textKind does. */
export function isAscii(start: usize, end: usize): bool {
  let i = start;
  for (; i + 16 <= end; i += 16) if (nonAsciiBytes(i) != 0) return false;
  return i == end || (nonAsciiBytes(i) & ((<u32>1 << <u32>(end - i)) - 1)) == 0;
}
