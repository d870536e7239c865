// eslint-disable-next-line @typescript-eslint/triple-slash-reference -- other projects type-check this file through imports, so it names its own declaration of `.sql` text imports
/// <reference path="../types/sql.d.ts" />
import maskCloneSql from './clone-hooks/mask-clone.sql';
import { withTransaction, type SqlSession } from './sql-session.js';

/** The operator's masking statements for a cloned cluster (clone-hooks/mask-clone.sql). */
export const CLONE_MASKING_HOOK = maskCloneSql;

/**
 * Records that a clone was masked. The source never runs the hook, so a fresh clone always starts
 * without a row here and a re-clone (a new copy of the source) runs the hook again.
 */
export const CLONE_MASKING_TABLE = 'clone_masking';

/**
 * Runs the masking hook once on a freshly cloned cluster, in one transaction with its record, so a
 * failed hook leaves nothing half-masked and is retried by the next deploy. Returns whether it ran.
 */
export async function maskFreshClone(session: SqlSession, clonedFrom: string, hookSql: string = CLONE_MASKING_HOOK): Promise<boolean> {
  await session.query(`CREATE TABLE IF NOT EXISTS ${CLONE_MASKING_TABLE} (cloned_from text PRIMARY KEY, masked_at timestamptz NOT NULL DEFAULT now())`);
  return withTransaction(session, async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [CLONE_MASKING_TABLE]);
    const { rows } = await tx.query(`SELECT 1 FROM ${CLONE_MASKING_TABLE} WHERE cloned_from = $1`, [clonedFrom]);
    if (rows.length > 0) return false;
    await tx.exec(hookSql);
    await tx.query(`INSERT INTO ${CLONE_MASKING_TABLE} (cloned_from) VALUES ($1)`, [clonedFrom]);
    return true;
  });
}
