import { QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { SqlSession } from '../database/sql-session.js';
import { RUN_STATUSES, runView, type RunStatus, type RunView } from './run-view.js';
import { decodeCursor, encodeCursor, type RunsCursor } from './runs-cursor.js';

/**
 * The read side of the platform, shared by the status API and the console (issue 15): runs from
 * the metadata table, daily balances from the database. Every method takes plain values and
 * returns plain JSON-ready data; nothing here knows about HTTP.
 *
 *   const queries = statusQueries({ dynamo, tableName, database });
 *   await queries.listRuns({ limit: 20 });                      // newest first, all statuses
 *   await queries.listRuns({ limit: 20, status: 'FAILED', cursor });
 *   await queries.getRun('bucket/raw/file.csv@version');        // undefined when unknown
 *   await queries.accountBalances('acct-1', '2026-01-01', '2026-01-31');
 */
export interface StatusQueries {
  listRuns(page: RunsPage): Promise<RunsPageResult>;
  getRun(id: string): Promise<RunView | undefined>;
  accountBalances(accountId: string, from: string, to: string): Promise<DailyBalance[]>;
}

export interface RunsPage {
  /** Runs per page, 1–100. */
  readonly limit: number;
  /** Only runs in this status (through the `runs-by-status` index). */
  readonly status?: RunStatus;
  /** `nextCursor` of the previous page. */
  readonly cursor?: string;
}

export interface RunsPageResult {
  readonly runs: RunView[];
  /** Pass back as `cursor` for the next page; null on the last page. */
  readonly nextCursor: string | null;
}

/** One account's totals for one UTC day and currency, over every loaded object version. Sums are exact integer strings in minor units. */
export interface DailyBalance {
  readonly date: string;
  readonly currency: string;
  readonly transactionCount: number;
  readonly settledMinor: string;
  readonly pendingMinor: string;
  readonly reversedMinor: string;
}

export interface StatusQueriesDeps {
  readonly dynamo: DynamoDBDocumentClient;
  /** The metadata table (its index `runs-by-status` lists runs by status and time). */
  readonly tableName: string;
  /** A database session; opened lazily, so a runs-only request never connects. */
  readonly database: () => Promise<SqlSession>;
}

/** Name of the metadata table's GSI (METADATA_TABLE_SCHEMA in @data-platform/constructs). */
export const RUNS_INDEX = 'runs-by-status';

const BALANCES_SQL = `SELECT to_char(day, 'YYYY-MM-DD') AS date, currency,
  sum(transaction_count)::text AS "transactionCount", sum(settled_minor)::text AS "settledMinor",
  sum(pending_minor)::text AS "pendingMinor", sum(reversed_minor)::text AS "reversedMinor"
FROM daily_aggregates WHERE account_id = $1 AND day BETWEEN $2::date AND $3::date
GROUP BY day, currency ORDER BY day, currency`;

export function statusQueries(deps: StatusQueriesDeps): StatusQueries {
  const { dynamo, tableName } = deps;

  /** Up to `limit` newest runs of one status after `start`. */
  const runsOf = async (status: RunStatus, limit: number, start: Record<string, unknown> | undefined) => {
    const page = await dynamo.send(
      new QueryCommand({
        TableName: tableName,
        IndexName: RUNS_INDEX,
        KeyConditionExpression: '#status = :status',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':status': status },
        ScanIndexForward: false,
        Limit: limit,
        ExclusiveStartKey: start,
      }),
    );
    return { items: page.Items ?? [], more: page.LastEvaluatedKey !== undefined };
  };

  return {
    async listRuns({ limit, status, cursor }) {
      const position: RunsCursor = cursor ? decodeCursor(cursor) : {};
      const statuses = (status ? [status] : RUN_STATUSES).filter((s) => position[s] !== null);
      // Newest first across statuses: take `limit` from each, merge by time, keep the first `limit`.
      const pages = await Promise.all(statuses.map(async (s) => ({ status: s, ...(await runsOf(s, limit, position[s] ?? undefined)) })));
      const merged = pages
        .flatMap((page) => page.items.map((item) => ({ status: page.status, item })))
        .sort((a, b) => Number(b.item['timestamp']) - Number(a.item['timestamp']) || String(a.item['id']).localeCompare(String(b.item['id'])))
        .slice(0, limit);
      const next: RunsCursor = { ...position };
      for (const page of pages) {
        const taken = merged.filter((entry) => entry.status === page.status);
        const last = taken.at(-1)?.item;
        if (last) next[page.status] = { id: last['id'], timestamp: last['timestamp'], status: page.status };
        // Exhausted: every item of the status was taken and DynamoDB has no more.
        if (taken.length === page.items.length && !page.more) next[page.status] = null;
      }
      const done = (status ? [status] : RUN_STATUSES).every((s) => next[s] === null);
      return { runs: merged.map((entry) => runView(entry.item)), nextCursor: done ? null : encodeCursor(next) };
    },

    async getRun(id) {
      // One item per object version; the id alone identifies it, the sort key only orders.
      const page = await dynamo.send(
        new QueryCommand({ TableName: tableName, KeyConditionExpression: 'id = :id', ExpressionAttributeValues: { ':id': id }, Limit: 1 }),
      );
      const item = page.Items?.[0];
      return item ? runView(item) : undefined;
    },

    async accountBalances(accountId, from, to) {
      const db = await deps.database();
      const { rows } = await db.query<DailyBalance & { transactionCount: string }>(BALANCES_SQL, [accountId, from, to]);
      return rows.map((row) => ({ ...row, transactionCount: Number(row.transactionCount) }));
    },
  };
}

