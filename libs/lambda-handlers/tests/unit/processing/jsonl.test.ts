import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { reasons, run } from './harness.js';

const JSONL = { kind: 'jsonl', gzip: false } as const;

function line(fields: Record<string, unknown> = {}): string {
  return JSON.stringify({
    transaction_id: 't1',
    account_id: 'acc-1',
    timestamp: '2026-01-15T10:00:00Z',
    currency: 'USD',
    amount: '10.00',
    status: 'settled',
    ...fields,
  });
}

describe('processTransactionStream (JSON Lines)', () => {
  it('normalizes one object per line', async () => {
    const { valid, result } = await run(`${line({ merchant: 'Shop' })}\n${line({ transaction_id: 't2', amount: '-1.5' })}\n`, JSONL);
    expect(valid).toEqual([
      {
        transactionId: 't1',
        accountId: 'acc-1',
        timestamp: '2026-01-15T10:00:00.000Z',
        date: '2026-01-15',
        currency: 'USD',
        amountMinor: '1000',
        status: 'settled',
        merchant: 'Shop',
      },
      expect.objectContaining({ transactionId: 't2', amountMinor: '-150' }),
    ]);
    expect(result.records).toEqual({ total: 2, valid: 2, quarantined: 0 });
    expect(result.aggregates).toEqual([
      { accountId: 'acc-1', currency: 'USD', date: '2026-01-15', transactionCount: 2, settledMinor: '850', pendingMinor: '0', reversedMinor: '0' },
    ]);
  });

  it.each([
    ['invalid JSON', '{"transaction_id": "t1",'],
    ['an array', '["t1", "acc"]'],
    ['a string', '"t1"'],
    ['a number', '42'],
    ['null', 'null'],
    ['an object followed by trailing text', '{"transaction_id":"t2"} trailing'],
    ['two objects on one line', '{"transaction_id":"t2"}{"transaction_id":"t3"}'],
  ])('quarantines %s as malformed_row with an empty record and the raw line', async (_name, text) => {
    const outcome = await run(`${line()}\n${text}\n`, JSONL);
    expect(outcome.quarantined).toEqual([{ line: 2, reason: 'malformed_row', record: {}, raw: text }]);
    expect(outcome.result.records).toEqual({ total: 2, valid: 1, quarantined: 1 });
  });

  it('keeps accounts apart that only differ in a lone surrogate, which has no UTF-8 of its own', async () => {
    const accounts = ['\ud800', '\ud801', 'acc-\ud83d', 'acc-😀'];
    const text = accounts.map((account, i) => line({ transaction_id: `t${i}`, account_id: account })).join('\n');
    const { result } = await run(`${text}\n${line({ transaction_id: 't9', account_id: '\ud800' })}\n`, JSONL);
    expect(result.aggregates.map((a) => [a.accountId, a.transactionCount, a.settledMinor])).toEqual(
      [...accounts].sort().map((account) => [account, account === '\ud800' ? 2 : 1, account === '\ud800' ? '2000' : '1000']),
    );
  });

  it('judges a missing field by the table order', async () => {
    const outcome = await run(`${JSON.stringify({ transaction_id: 't1', account_id: 'a', timestamp: '2026-01-15T10:00:00Z' })}\n`, JSONL);
    expect(reasons(outcome)).toEqual(['invalid_currency']);
  });

  it('keeps the parsed object and the raw line in the quarantine entry', async () => {
    const text = line({ status: 'nope', extra: { nested: true } });
    const outcome = await run(`${text}\n`, JSONL);
    expect(outcome.quarantined).toEqual([
      { line: 1, reason: 'invalid_status', transactionId: 't1', record: JSON.parse(text), raw: text },
    ]);
  });

  it('reads number amounts from their exact source text', async () => {
    const text = '{"transaction_id":"t1","account_id":"a","timestamp":"2026-01-15T10:00:00Z","currency":"USD","amount":90071992547409.93,"status":"settled"}';
    const { valid } = await run(`${text}\n`, JSONL);
    expect(valid[0]?.amountMinor).toBe('9007199254740993');
  });

  it('applies the amount grammar to number amounts too', async () => {
    const outcome = await run(
      `${line({ amount: 1e21 })}\n${line({ transaction_id: 't2', amount: 1.005 })}\n${line({ transaction_id: 't3', currency: 'KWD', amount: 1.005 })}\n`,
      JSONL,
    );
    expect(reasons(outcome)).toEqual(['invalid_amount', 'invalid_amount']);
    expect(outcome.valid.map((r) => r.amountMinor)).toEqual(['1005']);
  });

  it('reads numeric ids from their source text, treats null and booleans in required fields as absent, and rejects a merchant that is not a string', async () => {
    const outcome = await run(
      [
        '{"transaction_id":12345678901234567890,"account_id":"a","timestamp":"2026-01-15T10:00:00Z","currency":"USD","amount":"1","status":"settled"}',
        line({ transaction_id: 't2', account_id: null }),
        line({ transaction_id: 't3', status: true }),
        line({ transaction_id: 't4', merchant: { name: 'x' } }),
        line({ transaction_id: 't5', merchant: null }),
        line({ transaction_id: 't6', merchant: 42 }),
        line({ transaction_id: 't7', merchant: ['x'] }),
        line({ transaction_id: 't8', merchant: false }),
      ].join('\n'),
      JSONL,
    );
    expect(outcome.valid.map((r) => r.transactionId)).toEqual(['12345678901234567890', 't5']);
    expect(outcome.valid[1]).not.toHaveProperty('merchant');
    expect(outcome.quarantined.map((q) => [q.transactionId, q.reason])).toEqual([
      ['t2', 'invalid_account'],
      ['t3', 'invalid_status'],
      ['t4', 'invalid_merchant'],
      ['t6', 'invalid_merchant'],
      ['t7', 'invalid_merchant'],
      ['t8', 'invalid_merchant'],
    ]);
  });

  it('uses the last value of a repeated key, like JSON.parse', async () => {
    const text = '{"transaction_id":"t1","account_id":"a","timestamp":"2026-01-15T10:00:00Z","currency":"USD","amount":1,"status":"settled","amount":2.5}';
    const { valid } = await run(`${text}\n`, JSONL);
    expect(valid[0]?.amountMinor).toBe('250');
  });

  it('finds number members after nested values and escaped keys', async () => {
    const text =
      '{"meta":{"amount":"nested","list":[1,{"a":"}"}]},"s\\"k":"x","transaction_id":"t1","account_id":"a",' +
      '"timestamp":"2026-01-15T10:00:00Z","currency":"USD","\\u0061mount" : -0.07 ,"status":"settled"}';
    const { valid } = await run(`${text}\n`, JSONL);
    expect(valid[0]?.amountMinor).toBe('-7');
  });

  it('skips blank lines, reads CRLF and a BOM, and reports physical line numbers', async () => {
    const outcome = await run(`\uFEFF${line()}\r\n\r\n  \r\n${line({ transaction_id: 't2', status: 'x' })}\r\n`, JSONL);
    expect(outcome.result.records).toEqual({ total: 2, valid: 1, quarantined: 1 });
    expect(outcome.quarantined[0]?.line).toBe(4);
  });

  it('rejects the duplicate of a quarantined line as duplicate_id', async () => {
    const outcome = await run(`${line({ amount: 'x' })}\n${line()}\n`, JSONL);
    expect(reasons(outcome)).toEqual(['invalid_amount', 'duplicate_id']);
  });

  it('decodes UTF-8 across chunk boundaries', async () => {
    const text = `${line({ merchant: 'Café 😀 Zürich', account_id: 'Ölé' })}\n`;
    for (const chunkSize of [1, 2, 3, 5]) {
      const { valid } = await run(text, JSONL, { chunkSize });
      expect(valid[0]).toMatchObject({ merchant: 'Café 😀 Zürich', accountId: 'Ölé' });
    }
  });

  it('reads gzip-compressed JSON Lines', async () => {
    const text = `${line()}\n${line({ transaction_id: 't2', status: 'pending' })}\n`;
    const { valid, result } = await run(gzipSync(Buffer.from(text)), { kind: 'jsonl', gzip: true });
    expect(valid).toHaveLength(2);
    expect(result.bytesDecoded).toBe(Buffer.byteLength(text));
  });
});
