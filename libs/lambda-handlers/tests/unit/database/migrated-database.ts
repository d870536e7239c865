import { PGlite } from '@electric-sql/pglite';
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
