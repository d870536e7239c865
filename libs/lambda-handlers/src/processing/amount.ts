/**
 * Decimal amount → exact integer minor units, as a string (SPEC §5). No floats: the text is
 * rearranged digit by digit, so any length is exact.
 *
 * Grammar: `-?[0-9]+(\.[0-9]{1,d})?` where d is the currency's minor digits (no point at all when
 * d = 0). Decisions where SPEC §5 is silent:
 * - `1.` is rejected: a point must be followed by at least one digit.
 * - `.5` is rejected: at least one digit is required before the point.
 * - leading zeros are accepted (`007.50` USD = 750); `-0` and `-0.00` are accepted and normalize
 *   to `0`.
 * - no surrounding whitespace, `+`, exponent, thousands separator or non-ASCII digit.
 */

const ZERO = 48;
const NINE = 57;
const MINUS = 45;
const POINT = 46;
const ZEROS = ['', '0', '00', '000', '0000', '00000', '000000'];

function zeros(count: number): string {
  return ZEROS[count] ?? '0'.repeat(count);
}

function isDigit(code: number): boolean {
  return code >= ZERO && code <= NINE;
}

/**
 * Returns the amount in minor units as a canonical integer string (`"-1050"`, `"0"`), or undefined
 * when `text` is not a valid amount for a currency with `minorDigits` decimals.
 */
export function parseAmountMinor(text: string, minorDigits: number): string | undefined {
  const length = text.length;
  let i = 0;
  const negative = length > 0 && text.charCodeAt(0) === MINUS;
  if (negative) i = 1;

  const intStart = i;
  while (i < length && isDigit(text.charCodeAt(i))) i++;
  const intEnd = i;
  if (intEnd === intStart) return undefined;

  let fraction: string;
  if (i === length) {
    fraction = zeros(minorDigits);
  } else {
    if (text.charCodeAt(i) !== POINT || minorDigits === 0) return undefined;
    const fractionStart = ++i;
    while (i < length && isDigit(text.charCodeAt(i))) i++;
    const fractionDigits = i - fractionStart;
    if (i !== length || fractionDigits === 0 || fractionDigits > minorDigits) return undefined;
    fraction = text.slice(fractionStart) + zeros(minorDigits - fractionDigits);
  }

  // Skip leading zeros of the integer part, then of the fraction if the integer part was all zeros.
  let first = intStart;
  while (first < intEnd && text.charCodeAt(first) === ZERO) first++;
  let digits: string;
  if (first < intEnd) {
    digits = text.slice(first, intEnd) + fraction;
  } else {
    let f = 0;
    while (f < fraction.length && fraction.charCodeAt(f) === ZERO) f++;
    if (f === fraction.length) return '0';
    digits = fraction.slice(f);
  }
  return negative ? `-${digits}` : digits;
}
