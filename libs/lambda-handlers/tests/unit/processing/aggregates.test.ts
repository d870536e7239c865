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

  it('keeps hundreds of ASCII and non-ASCII accounts apart, whichever path interned them first', async () => {
    // ASCII accounts are interned from bytes by the CSV fast path, the others from strings by the
    // general path; both share one index space, so many of each, interleaved, must not mix.
    const accounts = Array.from({ length: 300 }, (_, i) => (i % 2 === 0 ? `cuenta-ñ-${i}` : `acc-${i}`));
    const rows = [...accounts, ...accounts].map((account, i) => row({ id: `t${i}`, account, amount: '1.00' }));
    const { result } = await run(csv(...rows));
    expect(result.records.valid).toBe(600);
    expect(result.aggregates).toHaveLength(300);
    expect(new Set(result.aggregates.map((aggregate) => aggregate.accountId))).toEqual(new Set(accounts));
    for (const aggregate of result.aggregates) {
      expect(aggregate).toMatchObject({ transactionCount: 2, settledMinor: '200' });
    }
  });

  it('keeps apart accounts that differ only far into a long name, or only in length', async () => {
    // Short accounts are matched within their lookup slot, long ones in full: both must stay exact.
    const prefix = 'ACCOUNT-0000000000000'; // 21 characters
    const accounts = [
      ...Array.from({ length: 40 }, (_, i) => `${prefix}${i}`),
      ...Array.from({ length: prefix.length }, (_, n) => prefix.slice(0, n + 1)),
      `${prefix.slice(0, 19)}é`,
      `${prefix}-ñ`,
    ];
    const rows = [...accounts, ...accounts].map((account, i) => row({ id: `t${i}`, account, amount: '1.00' }));
    const { result } = await run(csv(...rows));
    expect(result.aggregates.map((aggregate) => aggregate.accountId)).toEqual([...accounts].sort());
    for (const aggregate of result.aggregates) {
      expect(aggregate).toMatchObject({ transactionCount: 2, settledMinor: '200' });
    }
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

  it('sums the largest amounts (10^18 - 1 minor units) beyond the 64-bit integer range exactly', async () => {
    const largest = '9999999999999999.99'; // 999999999999999999 minor units, the largest SPEC §5 allows
    const rows = Array.from({ length: 20 }, (_, i) => row({ id: `h${i}`, amount: largest }));
    const { result } = await run(csv(...rows, row({ id: 'last', amount: '-0.01' })));
    expect(result.aggregates[0]?.settledMinor).toBe((20n * 999999999999999999n - 1n).toString());
    expect(20n * 999999999999999999n).toBeGreaterThan(2n ** 63n);
  });

  it('sums past the int64 boundary and back, negative as well', async () => {
    const largest = '9999999999999999.99';
    const rows = [
      ...Array.from({ length: 10 }, (_, i) => row({ id: `p${i}`, amount: largest })),
      ...Array.from({ length: 10 }, (_, i) => row({ id: `n${i}`, amount: `-${largest}` })),
      ...Array.from({ length: 10 }, (_, i) => row({ id: `m${i}`, amount: `-${largest}`, status: 'pending' })),
    ];
    const { result } = await run(csv(...rows));
    expect(result.aggregates[0]).toMatchObject({ settledMinor: '0', pendingMinor: (-10n * 999999999999999999n).toString() });
  });

  it('sums exactly across the 2^52 point where running sums move to BigInt', async () => {
    // 15-digit amounts (999999999999999 minor units, the largest kept as plain numbers): the fifth
    // pushes the settled sum past 2^52 = 4503599627370496, and a plain double sum would already be
    // rounded by the eleventh (past 2^53); pending goes past -2^52 and back.
    const big = '9999999999999.99';
    const rows = [
      ...Array.from({ length: 11 }, (_, i) => row({ id: `s${i}`, amount: big })),
      row({ id: 'last', amount: '0.01' }),
      ...Array.from({ length: 5 }, (_, i) => row({ id: `p${i}`, amount: `-${big}`, status: 'pending' })),
      ...Array.from({ length: 5 }, (_, i) => row({ id: `q${i}`, amount: big, status: 'pending' })),
      row({ id: 'q5', amount: '-0.03', status: 'pending' }),
    ];
    const { result } = await run(csv(...rows));
    expect(result.aggregates).toEqual([
      expect.objectContaining({
        transactionCount: 23,
        settledMinor: (11n * 999999999999999n + 1n).toString(),
        pendingMinor: '-3',
        reversedMinor: '0',
      }),
    ]);
  });

  it('matches BigInt arithmetic for mixed small, 15-digit and the longest allowed amounts', async () => {
    let seed = 7;
    const next = (): number => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32;
    const statuses = ['settled', 'pending', 'reversed'] as const;
    const expected = new Map<string, bigint>();
    const rows: string[] = [];
    for (let i = 0; i < 400; i++) {
      const digits = 1 + Math.floor(next() * 18); // 1–18 digits: both sides of the 15-digit cut, up to the bound
      let units = '';
      for (let d = 0; d < digits; d++) units += String(Math.floor(next() * 10));
      const minor = (next() < 0.4 ? -1n : 1n) * BigInt(units);
      const status = statuses[i % 3]!;
      const account = `acc-${i % 2}`;
      const key = `${account} ${status}`;
      expected.set(key, (expected.get(key) ?? 0n) + minor);
      const abs = (minor < 0n ? -minor : minor).toString().padStart(3, '0');
      const amount = `${minor < 0n ? '-' : ''}${abs.slice(0, -2)}.${abs.slice(-2)}`;
      rows.push(row({ id: `r${i}`, account, amount, status }));
    }
    const { result } = await run(csv(...rows));
    expect(result.aggregates.map((a) => [a.settledMinor, a.pendingMinor, a.reversedMinor])).toEqual(
      ['acc-0', 'acc-1'].map((account) => statuses.map((status) => (expected.get(`${account} ${status}`) ?? 0n).toString())),
    );
  });

  it('keeps many accounts and groups apart as the lookup tables grow', async () => {
    // 300 accounts × 3 dates = 900 groups: past the first size of both the account and group tables.
    const accountOf = (a: number): string => `acct-${(a * 7919) % 300}`; // visited out of order
    const rows: string[] = [];
    for (let round = 0; round < 2; round++) {
      for (let a = 0; a < 300; a++) {
        for (let day = 10; day < 13; day++) {
          const timestamp = `2026-01-${day}T08:00:00Z`;
          rows.push(row({ id: `${round}-${a}-${day}`, account: accountOf(a), timestamp, amount: `${a}.0${round}` }));
        }
      }
    }
    const { result } = await run(csv(...rows));
    expect(result.aggregates).toHaveLength(900);
    const keys = result.aggregates.map((g) => `${g.accountId} ${g.date}`);
    expect(keys).toEqual([...new Set(keys)].sort());
    const expected = new Map(Array.from({ length: 300 }, (_, a) => [accountOf(a), String(200 * a + 1)]));
    for (const aggregate of result.aggregates) {
      expect(aggregate).toMatchObject({ transactionCount: 2, settledMinor: expected.get(aggregate.accountId) });
    }
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
