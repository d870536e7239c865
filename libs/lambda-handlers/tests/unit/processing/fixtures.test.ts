import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { detectFormat } from '../../../src/processing/file-format.js';
import { reasons, run } from './harness.js';

const fixture = (name: string): Buffer => readFileSync(fileURLToPath(new URL(`../../fixtures/${name}`, import.meta.url)));

/**
 * transactions-mixed.csv: BOM, CRLF, reordered and extra columns, a blank line, a quoted CRLF (one
 * physical line is one record, so both of its lines are malformed_row), a quoted comma with
 * escaped quotes, UTF-8 merchant names and one row per reject reason.
 */
describe('processTransactionStream on the mixed CSV fixture', () => {
  const expected = {
    records: { total: 14, valid: 5, quarantined: 9 },
    quarantine: [
      [5, 'malformed_row', undefined],
      [6, 'malformed_row', undefined],
      [9, 'invalid_amount', 'tx-0006'],
      [10, 'invalid_id', undefined],
      [11, 'duplicate_id', 'tx-0006'],
      [12, 'invalid_account', 'tx-0007'],
      [13, 'invalid_timestamp', 'tx-0008'],
      [14, 'invalid_currency', 'tx-0009'],
      [15, 'invalid_status', 'tx-0010'],
    ],
    aggregates: [
      ['ACC-1', 'USD', '2026-03-01', 1, '450', '0', '0'],
      ['ACC-1', 'USD', '2026-03-02', 1, '0', '120000', '0'],
      ['ACC-2', 'CHF', '2026-03-02', 1, '320', '0', '0'],
      ['ACC-3', 'JPY', '2026-03-02', 1, '180', '0', '0'],
      ['ACC-4', 'KWD', '2026-03-02', 1, '12345', '0', '0'],
    ],
  };

  it.each([
    ['transactions-mixed.csv', (b: Buffer) => b],
    ['transactions-mixed.csv.gz', (b: Buffer) => gzipSync(b)],
  ])('reads %s', async (key, encode) => {
    const outcome = await run(encode(fixture('transactions-mixed.csv')), detectFormat(key), { chunkSize: 97 });
    expect(outcome.result.records).toEqual(expected.records);
    expect(outcome.quarantined.map((q) => [q.line, q.reason, q.transactionId])).toEqual(expected.quarantine);
    expect(
      outcome.result.aggregates.map((a) => [a.accountId, a.currency, a.date, a.transactionCount, a.settledMinor, a.pendingMinor, a.reversedMinor]),
    ).toEqual(expected.aggregates);
    expect(outcome.valid.map((r) => r.merchant)).toEqual([
      'Blue Bottle Coffee',
      'Smith, Jones & "Co"',
      'Tokyo Metro',
      'Souq',
      'Café Zürich',
    ]);
    expect(outcome.quarantined.slice(0, 2).map((q) => [q.record, q.raw])).toEqual([
      [{}, '"Hotel Adlon'],
      [{}, 'Berlin",tx-0003,ACC-2,2026-03-02T10:00:00+01:00,EUR,-89.99,reversed,pos'],
    ]);
    expect(outcome.quarantined[2]?.record).toEqual({
      merchant: 'Bad amount',
      transaction_id: 'tx-0006',
      account_id: 'ACC-1',
      timestamp: '2026-03-02T12:00:00Z',
      currency: 'USD',
      amount: '1.005',
      status: 'settled',
      channel: 'pos',
    });
  });
});

/** transactions-mixed.jsonl: number amounts (one beyond double precision), non-object lines (malformed_row), nulls. */
describe('processTransactionStream on the mixed JSON Lines fixture', () => {
  it.each([
    ['transactions-mixed.jsonl', (b: Buffer) => b],
    ['transactions-mixed.jsonl.gz', (b: Buffer) => gzipSync(b)],
  ])('reads %s', async (key, encode) => {
    const outcome = await run(encode(fixture('transactions-mixed.jsonl')), detectFormat(key), { chunkSize: 61 });
    expect(outcome.result.records).toEqual({ total: 9, valid: 4, quarantined: 5 });
    expect(outcome.quarantined.map((q) => [q.line, q.reason])).toEqual([
      [5, 'malformed_row'],
      [6, 'malformed_row'],
      [7, 'invalid_amount'],
      [8, 'duplicate_id'],
      [9, 'invalid_account'],
    ]);
    expect(reasons(outcome)).toHaveLength(5);
    expect(outcome.valid.map((r) => [r.transactionId, r.amountMinor, r.date])).toEqual([
      ['j-1', '450', '2026-03-01'],
      ['j-2', '123456789012345678', '2026-03-02'],
      ['j-3', '180', '2026-03-02'],
      ['j-6', '1005', '2026-03-02'],
    ]);
  });
});
