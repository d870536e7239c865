import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { TRANSACTION_CSV_HEADER, transactionRows } from '../src/transaction-rows.cjs';

const take = (count: number, options: Parameters<typeof transactionRows>[0]) => {
  const rows = [];
  for (const row of transactionRows(options)) {
    if (rows.length === count) break;
    rows.push(row);
  }
  return rows;
};

// That the reader gives each broken row exactly its `reason` is checked where a reader runs:
// the local run's test processes the default sample and compares its quarantine with them.
describe('transactionRows', () => {
  it('gives the same rows for the same seed, and other rows for another', () => {
    expect(take(50, { seed: 7 })).toEqual(take(50, { seed: 7 }));
    expect(take(50, { seed: 8 })).not.toEqual(take(50, { seed: 7 }));
  });

  it('writes one line per row with the header\'s seven columns (quoting where a merchant needs it)', () => {
    const lines = take(2_000, { seed: 1 }).map(({ line }) => line);
    const records = parse([TRANSACTION_CSV_HEADER, ...lines].join('\n'), { columns: true }) as Array<Record<string, string>>;
    expect(records).toHaveLength(lines.length);
    expect(records.some((record) => record['merchant']!.includes('"'))).toBe(true);
  });

  it('breaks rows in every way in turn, at about the share asked for', () => {
    const rows = take(10_000, { seed: 3, brokenShare: 0.05 });
    const reasons = rows.flatMap((row) => (row.reason ? [row.reason] : []));
    expect(reasons.length).toBeGreaterThan(400);
    expect(reasons.length).toBeLessThan(600);
    expect(new Set(reasons)).toEqual(
      new Set(['invalid_id', 'duplicate_id', 'invalid_account', 'invalid_timestamp', 'invalid_currency', 'invalid_amount', 'invalid_status']),
    );
  });

  it('stops after `rows` rows and uses only the accounts asked for', () => {
    const rows = [...transactionRows({ seed: 5, rows: 300, accounts: 5 })];
    expect(rows).toHaveLength(300);
    const accounts = new Set(rows.map(({ line }) => line.split(',')[1]).filter((account) => account !== ''));
    expect([...accounts].every((account) => /^ACC-0000000[0-4]$/.test(account!))).toBe(true);
  });
});
