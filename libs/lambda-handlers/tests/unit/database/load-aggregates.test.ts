import { describe, expect } from 'vitest';
import { countVersionRows, loadAggregates, type AggregateSource } from '../../../src/database/load-aggregates.js';
import type { SqlSession } from '../../../src/database/sql-session.js';
import type { Aggregate } from '../../../src/processing/types.js';
import { itWithDatabase } from './migrated-database.js';

const source: AggregateSource = { bucket: 'data', key: 'raw/day.csv', versionId: 'v1', runId: 'data/raw/day.csv@v1' };

const aggregate = (accountId: string, date: string, settledMinor = '100'): Aggregate => ({
  accountId,
  currency: 'USD',
  date,
  transactionCount: 2,
  settledMinor,
  pendingMinor: '0',
  reversedMinor: '-5',
});

const many = (n: number) => Array.from({ length: n }, (_, i) => aggregate(`acct-${i}`, '2026-01-01'));

describe('loadAggregates', () => {
  itWithDatabase('writes every aggregate of the run, in batches', async ({ db }) => {
    expect(await loadAggregates(db, source, many(25), { batchRows: 10 })).toBe(25);
    expect(await countVersionRows(db, source)).toBe(25);
  });

  itWithDatabase('replaces the rows of a replayed object version instead of adding to them', async ({ db }) => {
    await loadAggregates(db, source, many(25));
    await loadAggregates(db, source, many(7));
    expect(await countVersionRows(db, source)).toBe(7);
  });

  itWithDatabase('keeps other versions of the same key apart', async ({ db }) => {
    const v2 = { ...source, versionId: 'v2', runId: 'data/raw/day.csv@v2' };
    await loadAggregates(db, v2, many(3));
    expect(await countVersionRows(db, v2)).toBe(3);
    expect(await countVersionRows(db, source)).toBe(7);
  });

  itWithDatabase('rolls the whole run back when a batch fails midway', async ({ db }) => {
    let inserts = 0;
    // The second INSERT fails as a dropped connection would: nothing of the run may remain.
    const failing: SqlSession = {
      exec: (text) => db.exec(text),
      query: (text, params) => {
        if (text.startsWith('INSERT') && ++inserts === 2) return Promise.reject(new Error('connection terminated'));
        return db.query(text, params);
      },
    };
    await expect(loadAggregates(failing, source, many(30), { batchRows: 10 })).rejects.toThrow('connection terminated');
    expect(await countVersionRows(db, source)).toBe(7);
  });

  itWithDatabase('rejects a bad row and leaves the previous load untouched', async ({ db }) => {
    await expect(loadAggregates(db, source, [aggregate('a', '2026-02-30')])).rejects.toThrow(/date/);
    expect(await countVersionRows(db, source)).toBe(7);
  });

  itWithDatabase('keeps amounts exact past 2^63', async ({ db }) => {
    const huge = '98765432109876543210987654321';
    const exact = { ...source, versionId: 'v-big', runId: 'big' };
    await loadAggregates(db, exact, [aggregate('rich', '2026-03-01', huge), aggregate('rich', '2026-03-02', huge)]);
    const { rows } = await db.query<{ total: string }>(`SELECT sum(settled_minor)::text AS total FROM daily_aggregates WHERE account_id = 'rich'`);
    expect(rows[0]!.total).toBe('197530864219753086421975308642');
    expect(BigInt(huge) > 2n ** 63n).toBe(true);
  });
});
