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
   * Rows per INSERT. Each statement sends ten arrays of this length; 20 000 keeps a statement
   * near a few MB while a 150 k-group file still takes only eight round trips.
   * @default 20000
   */
  readonly batchRows?: number;
}

/** The table the load step writes (migrations/0001-daily-aggregates.sql). */
export const AGGREGATES_TABLE = 'daily_aggregates';

/**
 * One INSERT per batch: the rows travel as one array per column and `unnest` turns them back into
 * rows inside the server, so a batch costs one round trip and one plan however many rows it has.
 * Amounts stay text until the server casts them to numeric: exact past 2^63.
 */
const INSERT_BATCH = `INSERT INTO ${AGGREGATES_TABLE}
  (source_bucket, source_key, source_version, run_id, account_id, currency, day, transaction_count, settled_minor, pending_minor, reversed_minor)
SELECT $1, $2, $3, $4, a, c, d::date, n::bigint, s::numeric, p::numeric, r::numeric
FROM unnest($5::text[], $6::text[], $7::text[], $8::text[], $9::text[], $10::text[], $11::text[]) AS t(a, c, d, n, s, p, r)`;

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
      await tx.query(INSERT_BATCH, [...version, source.runId, ...columnsOf(batch)]);
    }
    return aggregates.length;
  });
}

/** The batch as seven parallel text arrays, in INSERT_BATCH's `unnest` order. */
function columnsOf(batch: readonly Aggregate[]): string[][] {
  const columns: string[][] = [[], [], [], [], [], [], []];
  for (const row of batch) {
    columns[0]!.push(row.accountId);
    columns[1]!.push(row.currency);
    columns[2]!.push(row.date);
    columns[3]!.push(String(row.transactionCount));
    columns[4]!.push(row.settledMinor);
    columns[5]!.push(row.pendingMinor);
    columns[6]!.push(row.reversedMinor);
  }
  return columns;
}

/** Rows held for one object version (the local run and tests read the load back with this). */
export async function countVersionRows(session: SqlSession, source: Omit<AggregateSource, 'runId'>): Promise<number> {
  const { rows } = await session.query<{ rows: string | number }>(
    `SELECT count(*)::int AS rows FROM ${AGGREGATES_TABLE} WHERE source_bucket = $1 AND source_key = $2 AND source_version = $3`,
    [source.bucket, source.key, source.versionId],
  );
  return Number(rows[0]?.rows ?? 0);
}
