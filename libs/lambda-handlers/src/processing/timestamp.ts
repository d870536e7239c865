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
 */

const ZERO = 48;

function digits(text: string, start: number, count: number): number {
  let value = 0;
  for (let i = start; i < start + count; i++) {
    const d = text.charCodeAt(i) - ZERO;
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

const TWO_DIGITS = Array.from({ length: 100 }, (_, i) => String(i).padStart(2, '0'));

function twoDigits(value: number): string {
  return TWO_DIGITS[value]!;
}

/** Fraction digits (without the point) → at least 3 digits, no trailing zeros past the third. */
function canonicalFraction(fraction: string): string {
  if (fraction.length === 3) return fraction;
  if (fraction.length < 3) return fraction.padEnd(3, '0');
  let end = fraction.length;
  while (end > 3 && fraction.charCodeAt(end - 1) === ZERO) end--;
  return fraction.slice(0, end);
}

/**
 * Returns the timestamp normalized to UTC (`…Z`), or undefined when `text` is not a valid
 * ISO-8601 date-time with an offset. The UTC date is the first 10 characters of the result.
 */
export function normalizeTimestamp(text: string): string | undefined {
  const length = text.length;
  if (length < 20) return undefined;
  const year = digits(text, 0, 4);
  const month = digits(text, 5, 2);
  const day = digits(text, 8, 2);
  const hour = digits(text, 11, 2);
  const minute = digits(text, 14, 2);
  const second = digits(text, 17, 2);
  if (
    year < 0 ||
    text.charCodeAt(4) !== 45 || // -
    month < 1 ||
    month > 12 ||
    text.charCodeAt(7) !== 45 ||
    day < 1 ||
    day > daysInMonth(year, month) ||
    text.charCodeAt(10) !== 84 || // T
    hour < 0 ||
    hour > 23 ||
    text.charCodeAt(13) !== 58 || // :
    minute < 0 ||
    minute > 59 ||
    text.charCodeAt(16) !== 58 ||
    second < 0 ||
    second > 59
  ) {
    return undefined;
  }

  let i = 19;
  let fractionStart = i;
  if (text.charCodeAt(i) === 46) {
    fractionStart = ++i;
    while (i < length && text.charCodeAt(i) >= ZERO && text.charCodeAt(i) <= ZERO + 9) i++;
    if (i === fractionStart) return undefined;
  }
  const fractionEnd = i;

  let offsetMinutes: number;
  const zone = text.charCodeAt(i);
  if (zone === 90 && i + 1 === length) {
    // Z: already UTC, and usually already canonical.
    if (fractionEnd - fractionStart === 3) return text;
    return `${text.slice(0, 19)}.${canonicalFraction(text.slice(fractionStart, fractionEnd))}Z`;
  } else if ((zone === 43 || zone === 45) && i + 6 === length && text.charCodeAt(i + 3) === 58) {
    const offsetHour = digits(text, i + 1, 2);
    const offsetMinute = digits(text, i + 4, 2);
    if (offsetHour < 0 || offsetHour > 23 || offsetMinute < 0 || offsetMinute > 59) return undefined;
    offsetMinutes = (zone === 45 ? -1 : 1) * (offsetHour * 60 + offsetMinute);
  } else {
    return undefined;
  }
  const fraction = canonicalFraction(text.slice(fractionStart, fractionEnd));

  // Local time minus offset = UTC. |offset| < 24 h, so the date moves by at most one day.
  let minuteOfDay = hour * 60 + minute - offsetMinutes;
  let utcYear = year;
  let utcMonth = month;
  let utcDay = day;
  if (minuteOfDay < 0) {
    minuteOfDay += 1440;
    if (--utcDay < 1) {
      if (--utcMonth < 1) {
        utcMonth = 12;
        utcYear--;
      }
      utcDay = daysInMonth(utcYear, utcMonth);
    }
  } else if (minuteOfDay >= 1440) {
    minuteOfDay -= 1440;
    if (++utcDay > daysInMonth(utcYear, utcMonth)) {
      utcDay = 1;
      if (++utcMonth > 12) {
        utcMonth = 1;
        utcYear++;
      }
    }
  }
  if (utcYear < 0 || utcYear > 9999) return undefined;

  const utcHour = Math.floor(minuteOfDay / 60);
  const utcMinute = minuteOfDay % 60;
  const yearText = utcYear === year ? text.slice(0, 4) : String(utcYear).padStart(4, '0');
  return (
    `${yearText}-${twoDigits(utcMonth)}-${twoDigits(utcDay)}` +
    `T${twoDigits(utcHour)}:${twoDigits(utcMinute)}:${text.slice(17, 19)}.${fraction}Z`
  );
}
