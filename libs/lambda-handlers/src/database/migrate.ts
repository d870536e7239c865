// eslint-disable-next-line @typescript-eslint/triple-slash-reference -- other projects type-check this file through imports, so it names its own declaration of `.sql` text imports
/// <reference path="../types/sql.d.ts" />
import { createHash } from 'node:crypto';
import dailyAggregates from './migrations/0001-daily-aggregates.sql';
import serviceRoles from './migrations/0002-service-roles.sql';
import { withTransaction, type SqlSession } from './sql-session.js';

/** One versioned SQL file; `version` is its file name without `.sql`, so order is the name's order. */
export interface Migration {
  readonly version: string;
  readonly sql: string;
}

/** Every migration, oldest first. A new file under migrations/ is added here, never edited once applied. */
export const MIGRATIONS: readonly Migration[] = [
  { version: '0001-daily-aggregates', sql: dailyAggregates },
  { version: '0002-service-roles', sql: serviceRoles },
];

/** The table that records what has been applied. */
export const MIGRATIONS_TABLE = 'schema_migrations';

/** An applied migration whose file has changed since: the schema no longer matches the files. */
export class MigrationChangedError extends Error {
  constructor(readonly version: string) {
    super(`migration ${version} was changed after it was applied: add a new migration file instead of editing this one`);
    this.name = 'MigrationChangedError';
  }
}

const checksum = (sql: string) => createHash('sha256').update(sql).digest('hex');

/**
 * Applies the migrations not yet recorded, each in its own transaction with its row in
 * `schema_migrations`, so running it again changes nothing. An advisory lock serialises
 * concurrent callers (two deploys, or a deploy and a test). Returns the versions it applied.
 */
export async function migrate(session: SqlSession, migrations: readonly Migration[] = MIGRATIONS): Promise<string[]> {
  await session.query(
    `CREATE TABLE IF NOT EXISTS ${MIGRATIONS_TABLE} (version text PRIMARY KEY, checksum text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`,
  );
  const applied: string[] = [];
  for (const migration of migrations) {
    const done = await withTransaction(session, async (tx) => {
      // Held to the end of this transaction: a concurrent migrate waits here, then sees the row.
      await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [MIGRATIONS_TABLE]);
      const { rows } = await tx.query<{ checksum: string }>(`SELECT checksum FROM ${MIGRATIONS_TABLE} WHERE version = $1`, [migration.version]);
      const recorded = rows[0];
      if (recorded) {
        if (recorded.checksum !== checksum(migration.sql)) throw new MigrationChangedError(migration.version);
        return false;
      }
      await tx.exec(migration.sql);
      await tx.query(`INSERT INTO ${MIGRATIONS_TABLE} (version, checksum) VALUES ($1, $2)`, [migration.version, checksum(migration.sql)]);
      return true;
    });
    if (done) applied.push(migration.version);
  }
  return applied;
}
