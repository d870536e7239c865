import { describe, expect, it } from 'vitest';
import { csv, row, run } from './harness.js';

describe('processTransactionStream aggregates', () => {
  it('groups by account, currency and UTC date with a count and a sum per status', async () => {
    const { result } = await run(
      csv(
        row({ id: '1', account: 'A', amount: '10.00', status: 'settled' }),
        row({ id: '2', account: 'A', amount: '2.50', status: 'settled' }),
        row({ id: '3', account: 'A', amount: '1.25', status: 'pending' }),
        row({ id: '4', account: 'A', amount: '-3.00', status: 'reversed' }),
        row({ id: '5', account: 'A', amount: '7', currency: 'EUR' }),
        row({ id: '6', account: 'A', amount: '1', timestamp: '2026-01-16T00:00:00Z' }),
        row({ id: '7', account: 'B', amount: '100', currency: 'JPY' }),
      ),
    );
    expect(result.aggregates).toEqual([
      { accountId: 'A', currency: 'EUR', date: '2026-01-15', transactionCount: 1, settledMinor: '700', pendingMinor: '0', reversedMinor: '0' },
      { accountId: 'A', currency: 'USD', date: '2026-01-15', transactionCount: 4, settledMinor: '1250', pendingMinor: '125', reversedMinor: '-300' },
      { accountId: 'A', currency: 'USD', date: '2026-01-16', transactionCount: 1, settledMinor: '100', pendingMinor: '0', reversedMinor: '0' },
      { accountId: 'B', currency: 'JPY', date: '2026-01-15', transactionCount: 1, settledMinor: '100', pendingMinor: '0', reversedMinor: '0' },
    ]);
  });

  it('counts only valid rows', async () => {
    const { result } = await run(csv(row({ id: '1' }), row({ id: '2', amount: '1.001' }), row({ id: '1' })));
    expect(result.aggregates).toEqual([expect.objectContaining({ transactionCount: 1, settledMinor: '1000' })]);
  });

  it('puts 2026-01-01T23:30:00-05:00 on 2026-01-02 (UTC date)', async () => {
    const { valid, result } = await run(csv(row({ timestamp: '2026-01-01T23:30:00-05:00' })));
    expect(valid[0]).toMatchObject({ timestamp: '2026-01-02T04:30:00.000Z', date: '2026-01-02' });
    expect(result.aggregates.map((a) => a.date)).toEqual(['2026-01-02']);
  });

  it('puts 2026-01-01T00:30:00+01:00 on 2025-12-31 (UTC date)', async () => {
    const { valid, result } = await run(csv(row({ timestamp: '2026-01-01T00:30:00+01:00' })));
    expect(valid[0]).toMatchObject({ timestamp: '2025-12-31T23:30:00.000Z', date: '2025-12-31' });
    expect(result.aggregates.map((a) => a.date)).toEqual(['2025-12-31']);
  });

  it('keeps month-end, leap-day and year-end dates apart and spells them back exactly', async () => {
    const dates = ['2026-01-31', '2026-02-01', '2024-02-29', '2026-12-31', '2027-01-01', '0001-01-01', '9999-12-31'];
    const { result } = await run(csv(...dates.map((date, i) => row({ id: `d${i}`, timestamp: `${date}T12:00:00Z` }))));
    expect(result.aggregates.map((a) => a.date)).toEqual([...dates].sort());
  });

  it('sums beyond 2^53 exactly', async () => {
    // 9007199254740993 = 2^53 + 1: not representable as a double.
    const { result } = await run(
      csv(row({ id: '1', amount: '90071992547409.93' }), row({ id: '2', amount: '0.01' }), row({ id: '3', amount: '0.01' })),
    );
    expect(result.aggregates[0]?.settledMinor).toBe('9007199254740995');
    expect(BigInt(result.aggregates[0]!.settledMinor)).toBe(9007199254740993n + 2n);
  });

  it('sums beyond the 64-bit integer range exactly', async () => {
    const huge = '99999999999999999999999.99'; // ~1e25 minor units
    const { result } = await run(csv(row({ id: '1', amount: huge }), row({ id: '2', amount: huge }), row({ id: '3', amount: '-0.01' })));
    expect(result.aggregates[0]?.settledMinor).toBe((2n * 9999999999999999999999999n - 1n).toString());
  });

  it('sums to exactly the int64 boundary and back', async () => {
    const max = 2n ** 63n - 1n; // 9223372036854775807 minor units = 92233720368547758.07 USD
    const { result } = await run(
      csv(row({ id: '1', amount: '92233720368547758.07' }), row({ id: '2', amount: '0.01' }), row({ id: '3', amount: '-0.02' })),
    );
    expect(result.aggregates[0]?.settledMinor).toBe((max - 1n).toString());
  });

  it('sorts by accountId, then currency, then date in code-unit order', async () => {
    const { result } = await run(
      csv(
        row({ id: '1', account: 'b', currency: 'USD' }),
        row({ id: '2', account: 'B', currency: 'USD' }),
        row({ id: '3', account: 'a', currency: 'USD', timestamp: '2026-01-16T00:00:00Z' }),
        row({ id: '4', account: 'a', currency: 'EUR' }),
        row({ id: '5', account: 'a', currency: 'USD' }),
      ),
    );
    expect(result.aggregates.map((a) => `${a.accountId} ${a.currency} ${a.date}`)).toEqual([
      'B USD 2026-01-15',
      'a EUR 2026-01-15',
      'a USD 2026-01-15',
      'a USD 2026-01-16',
      'b USD 2026-01-15',
    ]);
  });

  it('keeps one group per (account, currency, date) however many an account has', async () => {
    const rows = Array.from({ length: 60 }, (_, i) =>
      row({ id: `t${i}`, account: 'busy', timestamp: `2026-02-${String(1 + (Math.floor(i / 2) % 28)).padStart(2, '0')}T12:00:00Z`, currency: i % 2 ? 'USD' : 'EUR', amount: '1' }),
    );
    const { result } = await run(csv(...rows, ...rows.map((r) => r.replace(/^t/, 'u'))));
    expect(result.aggregates).toHaveLength(56);
    expect(result.aggregates.every((a) => a.transactionCount === 2 || a.transactionCount === 4)).toBe(true);
    expect(result.aggregates.reduce((n, a) => n + a.transactionCount, 0)).toBe(120);
  });
});
