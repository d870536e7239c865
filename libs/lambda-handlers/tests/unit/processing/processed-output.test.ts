import { describe, expect, it } from 'vitest';
import { HEADER, run } from './harness.js';

/*
 * The CSV fast path writes processed lines itself, copying text fields four bytes at a time and
 * deciding per word whether a byte needs JSON escaping. Whatever a field holds, the line must be
 * exactly what JSON.stringify gives for the record, so every ASCII byte value and characters of
 * every UTF-8 length are tried at every position of a word, in the id, the account and the
 * merchant. (NUL and invalid UTF-8 never get this far: the whole file is rejected as invalid_encoding.)
 */

const CSV_STRUCTURE = new Set([0x0a, 0x0d, 0x22, 0x2c]); // LF, CR, quote, comma: they split or quote cells
const UNITS = [
  ...Array.from({ length: 127 }, (_, i) => i + 1)
    .filter((byte) => !CSV_STRUCTURE.has(byte))
    .map((byte) => Buffer.of(byte)),
  ...['é', 'ß', '€', '\u2028', '\ufeff', '😀', '\u{10ffff}'].map((character) => Buffer.from(character)),
];

/** `prefix`, then `unit` after `position` bytes of `x`, then `x` up to a 5-byte word; a 4-byte prefix aligns that word in the field. */
function fieldWith(prefix: string, unit: Buffer, position: number): Buffer {
  return Buffer.concat([Buffer.from(prefix, 'latin1'), Buffer.from('x'.repeat(position)), unit, Buffer.from('x'.repeat(Math.max(1, 4 - position)))]);
}

function csvOf(rows: Buffer[]): Buffer {
  return Buffer.concat([Buffer.from(`${HEADER}\n`), ...rows.flatMap((row) => [row, Buffer.from('\n')])]);
}

function rowOf(id: Buffer, account: Buffer, merchant: Buffer): Buffer {
  return Buffer.concat([id, Buffer.from(','), account, Buffer.from(',2026-01-15T10:00:00.123Z,USD,10.00,settled,'), merchant]);
}

describe('processed lines are exactly JSON.stringify of the record', () => {
  it.each([0, 1, 2, 3])('whatever character sits at offset %i of a word in a text field', async (position) => {
    const rows = UNITS.map((byte, i) =>
      rowOf(fieldWith(`id-${i}-`, byte, position), fieldWith('acct', byte, position), fieldWith('mmmm', byte, position)),
    );
    const outcome = await run(csvOf(rows));

    // Every row is valid: ids are unique and start with a printable character.
    expect(outcome.result.records).toEqual({ total: rows.length, valid: rows.length, quarantined: 0 });
    const expected = UNITS.map((byte, i) => {
      const text = (prefix: string): string => fieldWith(prefix, byte, position).toString('utf8');
      return JSON.stringify({
        transactionId: text(`id-${i}-`),
        accountId: text('acct'),
        timestamp: '2026-01-15T10:00:00.123Z',
        date: '2026-01-15',
        currency: 'USD',
        amountMinor: '1000',
        status: 'settled',
        merchant: text('mmmm'),
      });
    });
    expect(outcome.processed.split('\n').slice(0, -1)).toEqual(expected);
  });

  it('converts offsets and pads fractions in the bytes it writes, as the string path does', async () => {
    const timestamps = ['2026-12-31T23:30:00.5-05:00', '2026-01-01T00:10:00+01:00', '2024-02-29T12:00:00.123456Z', '2026-03-01T00:00:00Z'];
    const rows = timestamps.map((timestamp, i) => Buffer.from(`t${i},acc,${timestamp},KWD,-0.125,pending,`));
    const outcome = await run(csvOf(rows));
    expect(outcome.processed.split('\n').slice(0, -1)).toEqual([
      '{"transactionId":"t0","accountId":"acc","timestamp":"2027-01-01T04:30:00.500Z","date":"2027-01-01","currency":"KWD","amountMinor":"-125","status":"pending"}',
      '{"transactionId":"t1","accountId":"acc","timestamp":"2025-12-31T23:10:00.000Z","date":"2025-12-31","currency":"KWD","amountMinor":"-125","status":"pending"}',
      '{"transactionId":"t2","accountId":"acc","timestamp":"2024-02-29T12:00:00.123456Z","date":"2024-02-29","currency":"KWD","amountMinor":"-125","status":"pending"}',
      '{"transactionId":"t3","accountId":"acc","timestamp":"2026-03-01T00:00:00.000Z","date":"2026-03-01","currency":"KWD","amountMinor":"-125","status":"pending"}',
    ]);
  });
});
