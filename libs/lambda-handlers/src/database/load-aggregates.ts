import type { Aggregate } from '../processing/types.js';
import { withTransaction, type SqlSession } from './sql-session.js';

/** The object version whose aggregates are loaded: its rows are replaced as a whole. */
export interface AggregateSource {
  readonly bucket: string;
  readonly key: string;
  readonly versionId: string;
  readonly runId: string;
}

export interface LoadOptions {
  /**
   * Rows per INSERT. Each statement sends one JSON array of this length; 20 000 keeps a statement
   * near 3 MB while a 150 k-group file still takes only eight round trips.
   * @default 20000
   */
  readonly batchRows?: number;
}

/** The table the load step writes (migrations/0001-daily-aggregates.sql). */
export const AGGREGATES_TABLE = 'daily_aggregates';

/**
 * One INSERT per batch: the rows travel as one JSON array (the aggregates exactly as the summary
 * holds them) and `json_to_recordset` turns it back into rows inside the server, so a batch costs
 * one round trip, one parameter and one plan however many rows it has. Amounts stay JSON strings
 * until the server reads them as numeric: exact past 2^63.
 */
const INSERT_BATCH = `INSERT INTO ${AGGREGATES_TABLE}
  (source_bucket, source_key, source_version, run_id, account_id, currency, day, transaction_count, settled_minor, pending_minor, reversed_minor)
SELECT $1, $2, $3, $4, t."accountId", t.currency, t.date, t."transactionCount", t."settledMinor", t."pendingMinor", t."reversedMinor"
FROM json_to_recordset($5::json) AS t("accountId" text, currency text, date date, "transactionCount" bigint, "settledMinor" numeric, "pendingMinor" numeric, "reversedMinor" numeric)`;

/**
 * Writes one run's daily aggregates in one transaction: the version's previous rows are deleted
 * and the new ones inserted, so a replay of the same object version replaces its rows instead of
 * adding to them, and a failure anywhere leaves the table as it was. Returns the rows written.
 */
export async function loadAggregates(session: SqlSession, source: AggregateSource, aggregates: readonly Aggregate[], options: LoadOptions = {}): Promise<number> {
  const batchRows = options.batchRows ?? 20_000;
  if (!Number.isInteger(batchRows) || batchRows < 1) throw new RangeError(`batchRows must be a positive integer, got ${batchRows}`);
  const version = [source.bucket, source.key, source.versionId];
  return withTransaction(session, async (tx) => {
    await tx.query(`DELETE FROM ${AGGREGATES_TABLE} WHERE source_bucket = $1 AND source_key = $2 AND source_version = $3`, version);
    for (let start = 0; start < aggregates.length; start += batchRows) {
      const batch = aggregates.slice(start, start + batchRows);
      await tx.query(INSERT_BATCH, [...version, source.runId, JSON.stringify(batch.map(rowOf))]);
    }
    return aggregates.length;
  });
}

/** Only the fields the table holds, whatever else an aggregate object carries. */
function rowOf(row: Aggregate): Aggregate {
  const { accountId, currency, date, transactionCount, settledMinor, pendingMinor, reversedMinor } = row;
  return { accountId, currency, date, transactionCount, settledMinor, pendingMinor, reversedMinor };
}

/** Rows held for one object version (the local run and tests read the load back with this). */
export async function countVersionRows(session: SqlSession, source: Omit<AggregateSource, 'runId'>): Promise<number> {
  const { rows } = await session.query<{ rows: string | number }>(
    `SELECT count(*)::int AS rows FROM ${AGGREGATES_TABLE} WHERE source_bucket = $1 AND source_key = $2 AND source_version = $3`,
    [source.bucket, source.key, source.versionId],
  );
  return Number(rows[0]?.rows ?? 0);
}
