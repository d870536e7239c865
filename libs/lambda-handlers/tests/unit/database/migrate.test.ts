import { PGlite } from '@electric-sql/pglite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate, MigrationChangedError, MIGRATIONS } from '../../../src/database/migrate.js';

describe('migrate', () => {
  let db: PGlite;
  beforeAll(async () => {
    db = await PGlite.create();
  });
  afterAll(() => db.close());

  it('applies every migration once and records it', async () => {
    expect(await migrate(db)).toEqual(MIGRATIONS.map((m) => m.version));
    const { rows } = await db.query<{ version: string }>('SELECT version FROM schema_migrations ORDER BY version');
    expect(rows.map((r) => r.version)).toEqual(MIGRATIONS.map((m) => m.version));
  });

  it('changes nothing when run again', async () => {
    const schemaOf = async () =>
      (await db.query(`SELECT table_name, column_name, data_type FROM information_schema.columns WHERE table_schema = 'public' ORDER BY 1, 2`)).rows;
    const before = await schemaOf();
    expect(await migrate(db)).toEqual([]);
    expect(await schemaOf()).toEqual(before);
  });

  it('gives the reader role read access only and the loader no DDL', async () => {
    const grants = await db.query<{ grantee: string; privilege_type: string }>(
      `SELECT grantee, privilege_type FROM information_schema.role_table_grants WHERE table_name = 'daily_aggregates' AND grantee IN ('loader', 'reader') ORDER BY 1, 2`,
    );
    expect(grants.rows).toEqual([
      { grantee: 'loader', privilege_type: 'DELETE' },
      { grantee: 'loader', privilege_type: 'INSERT' },
      { grantee: 'loader', privilege_type: 'SELECT' },
      { grantee: 'reader', privilege_type: 'SELECT' },
    ]);
  });

  it('refuses an applied migration whose file changed', async () => {
    const edited = MIGRATIONS.map((m, i) => (i === 0 ? { ...m, sql: `${m.sql}\n-- edited` } : m));
    await expect(migrate(db, edited)).rejects.toThrow(MigrationChangedError);
  });
});
