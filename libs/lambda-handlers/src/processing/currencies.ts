/**
 * ISO 4217 currencies the pipeline accepts and their minor digits (the exponent: how many
 * decimal places an amount may have). SPEC §5 requires at least USD EUR GBP CHF CAD AUD SGD (2),
 * JPY (0) and KWD BHD (3); the others are common settlement currencies whose exponent is not in
 * doubt. Codes are upper case only, as ISO 4217 writes them. To accept another currency, add it
 * here (or pass `currencies` to processTransactionStream) together with its ISO 4217 exponent.
 */
export const SUPPORTED_CURRENCIES: ReadonlyMap<string, number> = new Map<string, number>([
  // exponent 2
  ['USD', 2],
  ['EUR', 2],
  ['GBP', 2],
  ['CHF', 2],
  ['CAD', 2],
  ['AUD', 2],
  ['SGD', 2],
  ['NZD', 2],
  ['HKD', 2],
  ['SEK', 2],
  ['NOK', 2],
  ['DKK', 2],
  ['PLN', 2],
  ['CZK', 2],
  ['CNY', 2],
  ['INR', 2],
  ['MXN', 2],
  ['BRL', 2],
  ['ZAR', 2],
  ['ILS', 2],
  ['AED', 2],
  ['SAR', 2],
  // exponent 0
  ['JPY', 0],
  ['KRW', 0],
  ['CLP', 0],
  ['VND', 0],
  ['ISK', 0],
  // exponent 3
  ['KWD', 3],
  ['BHD', 3],
  ['OMR', 3],
  ['JOD', 3],
  ['TND', 3],
]);

/** What the processor core's currency table and group keys hold (assembly/fields.ts). */
const MAX_CURRENCIES = 255;

/** Three 8-bit units → one small integer; -1 (never registered) when a unit is wider. */
function packCode(code: string): number {
  const a = code.charCodeAt(0);
  const b = code.charCodeAt(1);
  const c = code.charCodeAt(2);
  return (a | b | c) > 0xff ? -1 : (a << 16) | (b << 8) | c;
}

/** A currency the processor accepts: the canonical code string and its minor digits. */
export interface CurrencyInfo {
  readonly code: string;
  readonly minorDigits: number;
  /** Position in {@link CurrencyTable.codes}; how aggregates and the processor core refer to it. */
  readonly index: number;
}

/**
 * Looks currency codes up in one Map and hands back one shared string per code, so records do not
 * keep slices of the input buffers alive.
 */
export class CurrencyTable {
  /** Keyed by the three letters packed into one small integer: no string hashing per row. */
  private readonly byCode = new Map<number, CurrencyInfo>();
  /** Every code, in the order given. */
  readonly codes: string[] = [];

  constructor(currencies: ReadonlyMap<string, number> = SUPPORTED_CURRENCIES) {
    for (const [code, minorDigits] of currencies) {
      if (!/^[A-Z]{3}$/.test(code) || !Number.isInteger(minorDigits) || minorDigits < 0 || minorDigits > 18) {
        throw new RangeError(`Invalid currency entry ${code}=${minorDigits}: need a 3-letter code and 0-18 digits`);
      }
      if (this.codes.length === MAX_CURRENCIES) throw new RangeError(`At most ${MAX_CURRENCIES} currencies`);
      this.byCode.set(packCode(code), { code, minorDigits, index: this.codes.push(code) - 1 });
    }
  }

  /** The currency for an exact (case-sensitive) code, or undefined when unsupported. */
  get(code: string): CurrencyInfo | undefined {
    return code.length === 3 ? this.byCode.get(packCode(code)) : undefined;
  }

  /** Calls `visit` with every currency and its code packed into one integer (three 8-bit letters). */
  forEachPacked(visit: (packed: number, info: CurrencyInfo) => void): void {
    for (const [packed, info] of this.byCode) visit(packed, info);
  }
}
