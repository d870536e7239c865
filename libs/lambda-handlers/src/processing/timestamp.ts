/**
 * ISO-8601 date-time → UTC (SPEC §5). Accepted: `yyyy-mm-ddThh:mm:ss[.f…](Z|±hh:mm)`, the
 * RFC 3339 profile of ISO 8601. Decisions where SPEC §5 is silent:
 * - seconds are required, the separator is an upper-case `T` and UTC is an upper-case `Z`;
 * - any number of fraction digits; the offset is `±hh:mm` with hh ≤ 23, mm ≤ 59 (`-00:00` = UTC);
 * - the calendar date must exist (2026-02-30 and 2025-02-29 are rejected), hh ≤ 23, mm and ss ≤ 59
 *   (no leap second `:60`, no `24:00`);
 * - converting to UTC must stay within years 0000–9999.
 * Output is `yyyy-mm-ddThh:mm:ss.fffZ` in UTC: the fraction is kept exactly, padded to at least
 * three digits, with trailing zeros beyond the third dropped.
 *
 * This is the reference implementation, used for every row the processor core's fast path does not
 * take; assembly/fields.ts applies the same rules to bytes (format-equivalence.test.ts holds the
 * two to the same output).
 */
import { asciiText, ruleBytes } from './rule-bytes.js';
import { COLON, DIGIT_ZERO, HYPHEN_MINUS, PLUS, POINT, UPPER_T, UPPER_Z } from './ascii.js';


/** The value of `count` decimal digits at `start`, or -1 when one of them is not a digit. */
function digits(bytes: Uint8Array, start: number, count: number): number {
  let value = 0;
  for (let i = start; i < start + count; i++) {
    const d = bytes[i]! - DIGIT_ZERO;
    if (!(d >= 0 && d <= 9)) return -1; // also catches NaN past the end
    value = value * 10 + d;
  }
  return value;
}

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** A validated timestamp converted to UTC, pointing back into the source bytes for what is copied. */
class UtcTimestamp {
  year = 0;
  month = 0;
  day = 0;
  hour = 0;
  minute = 0;
  /** Index of the two seconds digits in the source (seconds never change with the offset). */
  secondAt = 0;
  /** Fraction digits to keep, `[fractionStart, fractionEnd)` of the source; pad with zeros to 3. */
  fractionStart = 0;
  fractionEnd = 0;
  /** The source range is already the canonical form (`…ss.fffZ`), so it can be copied as is. */
  canonical = false;
}

/** Length of the fraction `[start, end)` once trailing zeros past the third digit are dropped. */
function keptFractionEnd(bytes: Uint8Array, start: number, end: number): number {
  while (end - start > 3 && bytes[end - 1] === DIGIT_ZERO) end--;
  return end;
}

/** Reused for every offset conversion; only its year, date, hours and minutes are ever set. */
const utcClock = new Date(0);

/**
 * Validates the timestamp in `bytes[start, end)` and fills `out` with its UTC parts.
 * @returns false (leaving `out` in an unspecified state) when it is not a valid timestamp.
 */
function parseTimestamp(bytes: Uint8Array, start: number, end: number, out: UtcTimestamp): boolean {
  if (end - start < 20) return false;
  const year = digits(bytes, start, 4);
  const month = digits(bytes, start + 5, 2);
  const day = digits(bytes, start + 8, 2);
  const hour = digits(bytes, start + 11, 2);
  const minute = digits(bytes, start + 14, 2);
  const second = digits(bytes, start + 17, 2);
  if (
    year < 0 ||
    bytes[start + 4] !== HYPHEN_MINUS ||
    month < 1 ||
    month > 12 ||
    bytes[start + 7] !== HYPHEN_MINUS ||
    day < 1 ||
    day > daysInMonth(year, month) ||
    bytes[start + 10] !== UPPER_T ||
    hour < 0 ||
    hour > 23 ||
    bytes[start + 13] !== COLON ||
    minute < 0 ||
    minute > 59 ||
    bytes[start + 16] !== COLON ||
    second < 0 ||
    second > 59
  ) {
    return false;
  }

  let i = start + 19;
  let fractionStart = i;
  if (bytes[i] === POINT) {
    fractionStart = ++i;
    while (i < end && bytes[i]! >= DIGIT_ZERO && bytes[i]! <= DIGIT_ZERO + 9) i++;
    if (i === fractionStart) return false;
  }
  const fractionEnd = i;
  out.secondAt = start + 17;
  out.fractionStart = fractionStart;
  out.fractionEnd = keptFractionEnd(bytes, fractionStart, fractionEnd);

  const zone = i < end ? bytes[i] : -1;
  if (zone === UPPER_Z && i + 1 === end) {
    out.year = year;
    out.month = month;
    out.day = day;
    out.hour = hour;
    out.minute = minute;
    out.canonical = fractionEnd - fractionStart === 3;
    return true;
  }
  if (!((zone === PLUS || zone === HYPHEN_MINUS) && i + 6 === end && bytes[i + 3] === COLON)) return false;
  const offsetHour = digits(bytes, i + 1, 2);
  const offsetMinute = digits(bytes, i + 4, 2);
  if (offsetHour < 0 || offsetHour > 23 || offsetMinute < 0 || offsetMinute > 59) return false;
  const offsetMinutes = (zone === HYPHEN_MINUS ? -1 : 1) * (offsetHour * 60 + offsetMinute);

  // Local time minus offset = UTC, on the platform's proleptic Gregorian calendar: an independent
  // check on the core's own day roll-over (assembly/fields.ts), which the differential tests compare.
  utcClock.setUTCFullYear(year, month - 1, day);
  utcClock.setUTCHours(hour, minute - offsetMinutes);
  const utcYear = utcClock.getUTCFullYear();
  if (utcYear < 0 || utcYear > 9999) return false;
  out.year = utcYear;
  out.month = utcClock.getUTCMonth() + 1;
  out.day = utcClock.getUTCDate();
  out.hour = utcClock.getUTCHours();
  out.minute = utcClock.getUTCMinutes();
  out.canonical = false;
  return true;
}

const TWO_DIGITS = Array.from({ length: 100 }, (_, i) => String(i).padStart(2, '0'));

/** `yyyy-mm-dd` of the parts. */
function utcDateText(parts: UtcTimestamp): string {
  return `${String(parts.year).padStart(4, '0')}-${TWO_DIGITS[parts.month]!}-${TWO_DIGITS[parts.day]!}`;
}

/** The canonical UTC text of parts parsed from `bytes`. */
function utcTimestampText(bytes: Uint8Array, parts: UtcTimestamp): string {
  const fraction = asciiText(bytes, parts.fractionStart, parts.fractionEnd).padEnd(3, '0');
  const seconds = asciiText(bytes, parts.secondAt, parts.secondAt + 2);
  return `${utcDateText(parts)}T${TWO_DIGITS[parts.hour]!}:${TWO_DIGITS[parts.minute]!}:${seconds}.${fraction}Z`;
}

const scratch = new UtcTimestamp();

/**
 * Returns the timestamp normalized to UTC (`…Z`), or undefined when `text` is not a valid
 * ISO-8601 date-time with an offset. The UTC date is the first 10 characters of the result.
 */
export function normalizeTimestamp(text: string): string | undefined {
  const bytes = ruleBytes(text);
  if (!parseTimestamp(bytes, 0, bytes.length, scratch)) return undefined;
  return scratch.canonical ? text : utcTimestampText(bytes, scratch);
}
