import { PGlite } from '@electric-sql/pglite';
import { it } from 'vitest';
import { migrate } from '../../../src/database/migrate.js';

/**
 * A fresh in-memory Postgres (PGlite) with the pipeline's migrations applied: the state a deployed
 * cluster is in after the migrate step, which is where every database suite starts from.
 */
export async function migratedDatabase(): Promise<PGlite> {
  const db = await PGlite.create();
  await migrate(db);
  return db;
}

/**
 * `it` with a `db` fixture: one migrated database per test file, created when the first test asks
 * for it and closed after the last. The file's tests share it in order, as a suite that builds on
 * what the previous test left (a replay after a load) needs.
 */
export const itWithDatabase = it.extend<{ db: PGlite }>({
  db: [
    // Vitest reads a fixture's dependencies from this pattern; the database depends on none.
    async ({}, use) => {
      const db = await migratedDatabase();
      await use(db);
      await db.close();
    },
    { scope: 'file' },
  ],
});
