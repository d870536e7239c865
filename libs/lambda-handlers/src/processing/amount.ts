/**
 * Decimal amount → exact integer minor units (SPEC §5). No floats: the text is rearranged digit
 * by digit, so any length is exact.
 *
 * Grammar: `-?[0-9]+(\.[0-9]{1,d})?` where d is the currency's minor digits (no point at all when
 * d = 0). Decisions where SPEC §5 is silent:
 * - `1.` is rejected: a point must be followed by at least one digit.
 * - `.5` is rejected: at least one digit is required before the point.
 * - leading zeros are accepted (`007.50` USD = 750); `-0` and `-0.00` are accepted and normalize
 *   to `0`.
 * - no surrounding whitespace, `+`, exponent, thousands separator or non-ASCII digit.
 * - below 10^18 in minor units (at most 18 canonical digits, SPEC §5): every amount fits an i64,
 *   and the sums, kept as two i64, stay exact far past 2^63.
 *
 * This is the reference implementation, used for every row the processor core's fast path does not
 * take; assembly/fields.ts applies the same grammar to bytes (format-equivalence.test.ts holds the
 * two to the same output).
 */
import { asciiText, ruleBytes } from './rule-bytes.js';
import { DIGIT_NINE, DIGIT_ZERO, HYPHEN_MINUS, POINT } from './ascii.js';

/** Amounts are below 10^18 minor units: at most this many canonical digits. */
export const MAX_AMOUNT_DIGITS = 18;

const ZEROS = ['', '0', '00', '000', '0000', '00000', '000000'];

function zeros(count: number): string {
  return ZEROS[count] ?? '0'.repeat(count);
}

function isDigit(code: number): boolean {
  return code >= DIGIT_ZERO && code <= DIGIT_NINE;
}

/**
 * A valid amount in minor units, as ranges of its source bytes: the canonical digits are
 * `bytes[headStart, headEnd) + bytes[tailStart, tailEnd)` followed by `padZeros` zeros, with no
 * leading zero; a zero amount has no digits at all.
 */
class MinorAmount {
  negative = false;
  headStart = 0;
  headEnd = 0;
  tailStart = 0;
  tailEnd = 0;
  padZeros = 0;

  /** Number of canonical digits (0 for a zero amount). */
  get digitCount(): number {
    return this.headEnd - this.headStart + this.tailEnd - this.tailStart + this.padZeros;
  }

  get isZero(): boolean {
    return this.digitCount === 0;
  }
}

/**
 * Validates the amount in `bytes[start, end)` for a currency with `minorDigits` decimals and fills
 * `out`. @returns false (leaving `out` in an unspecified state) when it is not a valid amount.
 */
function parseAmount(bytes: Uint8Array, start: number, end: number, minorDigits: number, out: MinorAmount): boolean {
  let i = start;
  const negative = i < end && bytes[i]! === HYPHEN_MINUS;
  if (negative) i++;

  const intStart = i;
  while (i < end && isDigit(bytes[i]!)) i++;
  const intEnd = i;
  if (intEnd === intStart) return false;

  let fractionStart = i;
  let fractionEnd = i;
  if (i < end) {
    if (bytes[i]! !== POINT || minorDigits === 0) return false;
    fractionStart = ++i;
    while (i < end && isDigit(bytes[i]!)) i++;
    fractionEnd = i;
    const fractionDigits = fractionEnd - fractionStart;
    if (i !== end || fractionDigits === 0 || fractionDigits > minorDigits) return false;
  }

  // Skip leading zeros of the integer part, then of the fraction if the integer part was all zeros.
  let first = intStart;
  while (first < intEnd && bytes[first]! === DIGIT_ZERO) first++;
  out.negative = negative;
  out.headStart = first;
  out.headEnd = intEnd;
  let tail = fractionStart;
  if (first === intEnd) {
    while (tail < fractionEnd && bytes[tail]! === DIGIT_ZERO) tail++;
  }
  out.tailStart = tail;
  out.tailEnd = fractionEnd;
  // An all-zero amount keeps no pad either: it is just 0.
  const padZeros = minorDigits - (fractionEnd - fractionStart);
  out.padZeros = first === intEnd && tail === fractionEnd ? 0 : padZeros;
  return out.digitCount <= MAX_AMOUNT_DIGITS;
}

/** The canonical minor-units string (`"-1050"`, `"0"`) of parts parsed from `bytes`. */
function minorAmountText(bytes: Uint8Array, amount: MinorAmount): string {
  if (amount.isZero) return '0';
  const digits =
    asciiText(bytes, amount.headStart, amount.headEnd) +
    asciiText(bytes, amount.tailStart, amount.tailEnd) +
    zeros(amount.padZeros);
  return amount.negative ? `-${digits}` : digits;
}

const scratch = new MinorAmount();

/**
 * Returns the amount in minor units as a canonical integer string (`"-1050"`, `"0"`), or undefined
 * when `text` is not a valid amount for a currency with `minorDigits` decimals.
 */
export function parseAmountMinor(text: string, minorDigits: number): string | undefined {
  const bytes = ruleBytes(text);
  return parseAmount(bytes, 0, bytes.length, minorDigits, scratch) ? minorAmountText(bytes, scratch) : undefined;
}
