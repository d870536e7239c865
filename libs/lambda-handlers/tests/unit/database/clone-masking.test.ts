import { PGlite } from '@electric-sql/pglite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLONE_MASKING_HOOK, maskFreshClone } from '../../../src/database/clone-masking.js';
import { migrate } from '../../../src/database/migrate.js';

const MASKING = `UPDATE daily_aggregates SET account_id = 'masked-' || md5(account_id)`;

describe('the clone masking hook (a staging cluster cloned from prod)', () => {
  let db: PGlite;
  beforeAll(async () => {
    db = await PGlite.create();
    await migrate(db);
  });
  afterAll(() => db.close());

  it('ships a hook file that runs as it is', async () => {
    const scratch = await PGlite.create();
    await migrate(scratch);
    expect(await maskFreshClone(scratch, 'prod', CLONE_MASKING_HOOK)).toBe(true);
    await scratch.close();
  });

  it('runs the masking once on a fresh clone, in a transaction with its record', async () => {
    // As copied from prod: a row with a real account id.
    await db.exec(`INSERT INTO daily_aggregates (source_bucket, source_key, source_version, account_id, currency, day, run_id, transaction_count, settled_minor, pending_minor, reversed_minor)
      VALUES ('b', 'raw/x.csv', 'v1', 'ACC-123', 'EUR', '2026-11-30', 'run-1', 2, 100, 0, 0)`);
    expect(await maskFreshClone(db, 'prod', MASKING)).toBe(true);
    const masked = (await db.query<{ account_id: string }>('SELECT account_id FROM daily_aggregates')).rows.map((r) => r.account_id);
    expect(masked).toEqual([expect.stringMatching(/^masked-[0-9a-f]{32}$/)]);
    expect(await maskFreshClone(db, 'prod', MASKING)).toBe(false);
    const { rows } = await db.query<{ cloned_from: string }>('SELECT cloned_from FROM clone_masking');
    expect(rows).toEqual([{ cloned_from: 'prod' }]);
  });

  it('records nothing when the hook fails, so the next deploy runs it again', async () => {
    const scratch = await PGlite.create();
    await migrate(scratch);
    await expect(maskFreshClone(scratch, 'prod', 'UPDATE no_such_table SET x = 1')).rejects.toThrow(/no_such_table/);
    const { rows } = await scratch.query('SELECT * FROM clone_masking');
    expect(rows).toEqual([]);
    expect(await maskFreshClone(scratch, 'prod', MASKING)).toBe(true);
    await scratch.close();
  });
});
