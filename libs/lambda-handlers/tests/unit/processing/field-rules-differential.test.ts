import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FIELD_TABLE } from '../../../src/processing/field-table.js';
import { SUPPORTED_CURRENCIES } from '../../../src/processing/currencies.js';
import { type NormalizedRecord } from '../../../src/processing/types.js';
import { CurrencyTable } from '../../../src/processing/currencies.js';
import { CoreEvent, ProcessorCore } from '../../../src/processing/processor-core.js';
import { RecordValidator } from '../../../src/processing/record-validator.js';
import type { TransactionIdIndex } from '../../../src/processing/transaction-id-index.js';

/*
 * Each field rule of the processor core (assembly/fields.ts, reached through its fast path) against
 * its JavaScript twin (field-rules.ts), on generated values around every boundary: lengths,
 * digits, offsets, calendar edges, non-ASCII text. One field varies per property; the others hold
 * a valid value, so the row's fate is that field's. The core may decline any row (JavaScript then
 * decides it), but whatever it accepts, JavaScript must accept with byte for byte the same line.
 */

const VALID: Record<string, string> = {
  transaction_id: 'id',
  account_id: 'acc-1',
  timestamp: '2026-01-15T10:00:00Z',
  currency: 'USD',
  amount: '10', // valid in every currency, JPY included
  status: 'settled',
  merchant: 'Shop',
};
const currencies = new CurrencyTable(SUPPORTED_CURRENCIES);
/** Every generated row has its own id, so the id set never decides anything here. */
const noDuplicates = { addIfAbsent: () => true } as unknown as TransactionIdIndex;

/** A CSV cell for `value`: quoted when it holds a comma or a quote (the generators leave out line breaks). */
function cell(value: string): string {
  return /[",]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

interface Verdict {
  /** The line the core wrote when its fast path took the row. */
  readonly core?: string;
  /** JavaScript's line for a valid row, or its reason. */
  readonly reference: string;
}

/** Runs rows that differ only in `field` through a fresh core, and through the JavaScript rules. */
function verdicts(field: string, values: readonly string[]): Verdict[] {
  const names = FIELD_TABLE.map((f) => f.name);
  const rows = values.map((value, i) => names.map((name) => (name === field ? value : name === 'transaction_id' ? `r${i}` : VALID[name]!)));
  const text = `${names.join(',')}\n${rows.map((cells) => cells.map(cell).join(',')).join('\n')}\n`;

  const core = new ProcessorCore({ maxRecordBytes: 1 << 20, chunkBytes: 1 << 20, idLimitBytes: 1 << 24, initialIdSlots: 1024 });
  currencies.forEachPacked((packed, info) => core.exports.addCurrency(packed, info.index, info.minorDigits));
  const accepted: string[] = [];
  let headerSeen = false;
  const drain = (): void => {
    for (let event = core.exports.scan(); event !== CoreEvent.NeedInput; event = core.exports.scan()) {
      if (event === CoreEvent.Record && !headerSeen) {
        headerSeen = true;
        core.configureFields(names.map((_, i) => i));
      } else if (event === CoreEvent.OutputReady) {
        accepted.push(Buffer.from(core.output()).toString('utf8'));
        core.exports.outputTaken();
      } else if (event !== CoreEvent.Record) {
        throw new Error(`unexpected core event ${event}`);
      }
    }
  };
  const bytes = Buffer.from(text);
  for (let from = 0; from < bytes.length; ) {
    from = core.writeInput(bytes, from);
    drain();
  }
  core.exports.endInput();
  drain();
  accepted.push(Buffer.from(core.output()).toString('utf8'));
  const byId = new Map(
    accepted
      .join('')
      .split('\n')
      .filter((line) => line.length > 0)
      .map((line) => [(JSON.parse(line) as NormalizedRecord).transactionId, line]),
  );

  const validator = new RecordValidator(noDuplicates, currencies);
  return rows.map((cells, i) => {
    const outcome = validator.validate(Object.fromEntries(names.map((name, c) => [name, cells[c]])));
    const reference = typeof outcome === 'string' ? outcome : JSON.stringify(outcome);
    const coreLine = byId.get(field === 'transaction_id' ? values[i]! : `r${i}`);
    return coreLine === undefined ? { reference } : { core: coreLine, reference };
  });
}

/** Core and JavaScript agree wherever the core decides; `usual` values the core must decide itself. */
function checkField(field: string, arbitrary: fc.Arbitrary<string>, usual: fc.Arbitrary<string>): void {
  fc.assert(
    fc.property(fc.array(arbitrary, { minLength: 1, maxLength: 60 }), (values) => {
      const unique = field === 'transaction_id' ? [...new Set(values)] : values;
      for (const verdict of verdicts(field, unique)) {
        if (verdict.core !== undefined) expect(verdict.core).toBe(verdict.reference);
      }
    }),
    { numRuns: 60 },
  );
  fc.assert(
    fc.property(fc.uniqueArray(usual, { minLength: 1, maxLength: 40 }), (values) => {
      for (const verdict of verdicts(field, values)) expect(verdict.core, `the fast path declined a usual value: ${verdict.reference}`).toBe(verdict.reference);
    }),
    { numRuns: 30 },
  );
}

const digits = (min: number, max: number) => fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: min, maxLength: max });
const twoDigits = (max: number) => fc.integer({ min: 0, max }).map((n) => String(n).padStart(2, '0'));
/** Any text without line breaks, from every Unicode plane, and ASCII-heavy text with the characters JSON escapes. */
const anyText = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 80 }),
  fc.string({ unit: fc.constantFrom(...' \t\\"/,;:.-_aZ09\u0001\u001f\u007f\u00a0é€😀\u2028\ufeff'), maxLength: 80 }),
).map((text) => text.replace(/[\r\n]/g, ''));

describe('the core field rules agree with their JavaScript twins (property-based)', () => {
  it('transaction_id: blank, whitespace, 63-66 code points, astral and non-ASCII', () => {
    const around64 = fc.tuple(fc.integer({ min: 60, max: 66 }), fc.constantFrom('x', 'é', '😀', ' ')).map(([n, c]) => c.repeat(n));
    checkField('transaction_id', fc.oneof(anyText, around64, fc.constantFrom('', ' ', '\t', ' x', 'x ')), fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9_.:-]{0,63}$/));
  });

  it('account_id: blank, leading whitespace, escapes and every plane', () => {
    checkField('account_id', fc.oneof(anyText, fc.constantFrom('', ' ', '\u3000', ' a')), fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9 _.-]{0,30}$/));
  });

  it('timestamp: calendar edges, offsets past midnight and the year, fractions, malformed zones', () => {
    const leapYears = fc.constantFrom('1900', '2000', '2023', '2024', '2100', '0000', '0001', '9999');
    const year = fc.oneof(leapYears, digits(4, 4));
    const zone = fc.oneof(
      fc.constantFrom('Z', 'z', '', '+00:00', '-00:00', '+24:00', '+0530', '+05:3', 'UTC'),
      fc.tuple(fc.constantFrom('+', '-'), twoDigits(25), twoDigits(61)).map(([sign, h, m]) => `${sign}${h}:${m}`),
    );
    const fraction = fc.oneof(fc.constant(''), fc.constant('.'), digits(1, 12).map((d) => `.${d}`), fc.constantFrom('.000', '.120', '.1000000'));
    const stamp = fc
      .tuple(year, twoDigits(13), twoDigits(32), fc.constantFrom('T', 't', ' '), twoDigits(24), twoDigits(60), twoDigits(60), fraction, zone)
      .map(([y, mo, d, t, h, mi, s, f, z]) => `${y}-${mo}-${d}${t}${h}:${mi}:${s}${f}${z}`);
    const usual = fc
      .tuple(fc.integer({ min: 1970, max: 2099 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 28 }), twoDigits(23), twoDigits(59), twoDigits(59), fc.constantFrom('', '.5', '.123', '.123456'), fc.constantFrom('Z', '+01:00', '-05:30', '+14:00'))
      .map(([y, mo, d, h, mi, s, f, z]) => `${y}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}T${h}:${mi}:${s}${f}${z}`);
    checkField('timestamp', fc.oneof(stamp, anyText, stamp.map((s) => s.replace(/\d/, '٣'))), usual);
  });

  it('currency: supported codes, case, lengths and non-ASCII letters', () => {
    const codes = [...SUPPORTED_CURRENCIES.keys()];
    checkField('currency', fc.oneof(fc.constantFrom(...codes), fc.constantFrom(...codes.map((c) => c.toLowerCase())), fc.stringMatching(/^[A-Z]{2,4}$/), anyText, fc.constant('ÜSD')), fc.constantFrom(...codes));
  });

  it('amount: signs, leading zeros, fraction digits per currency, the 10^18 bound and non-ASCII digits', () => {
    const amount = fc
      .tuple(fc.constantFrom('', '-', '+', '--'), digits(0, 21), fc.constantFrom('', '.'), digits(0, 4))
      .map(([sign, integer, point, fraction]) => `${sign}${integer}${point}${point ? fraction : ''}`);
    const bound = fc.constantFrom('9999999999999999.99', '10000000000000000.00', '10000000000000000', '999999999999999999', '-9999999999999999.99', '0000000000000000000001.00', '1e3', '١.00', '0.', '.5');
    checkField('amount', fc.oneof(amount, bound, anyText), fc.tuple(fc.constantFrom('', '-'), fc.integer({ min: 0, max: 99999999 }), fc.integer({ min: 0, max: 99 })).map(([s, i, f]) => `${s}${i}.${String(f).padStart(2, '0')}`));
  });

  it('status: the three names, their case and lookalikes', () => {
    checkField('status', fc.oneof(fc.constantFrom('settled', 'pending', 'reversed', 'Settled', 'SETTLED', 'settle', 'settledd', 'reverse', ' settled'), anyText), fc.constantFrom('settled', 'pending', 'reversed'));
  });

  it('merchant: empty, escapes, every plane', () => {
    checkField('merchant', anyText, fc.stringMatching(/^[A-Za-z0-9 &'.-]{1,40}$/));
  });
});
