import { CreateTableCommand } from '@aws-sdk/client-dynamodb';
import { CreateBucketCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { BatchWriteCommand, DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { PGlite } from '@electric-sql/pglite';
import type { Aggregate } from '@data-platform/lambda-handlers';
import { loadAggregates, migrate } from '@data-platform/lambda-handlers/database';
import { outputKeysOf, RUNS_INDEX, statusQueries, type StatusQueries } from '@data-platform/lambda-handlers/status';
import { createTableInput, LocalAws } from '@data-platform/local-aws';

export const BUCKET = 'myapp-test-data-ci1';
export const TABLE = 'table-test-pipeline-metadata-ci1';
/** A merchant (and object key) written to break out of the HTML if anything is not escaped. */
export const HOSTILE = '<script>alert("pwned")</script>';
export const RUN_COUNT = 32;
const BASE_TIME = Date.parse('2026-11-01T00:00:00Z');

/** The run id the pipeline gives a version of `raw/<name>`. */
export const runIdOf = (index: number) => `${BUCKET}/raw/2026/11/day-${String(index).padStart(2, '0')}.csv@v${index}`;

/** The quarantine report of the run with rejected rows: 3 invalid_amount, 2 invalid_currency, 1 malformed_row. */
export const REPORT_LINES = [
  { line: 2, reason: 'invalid_amount', record: { transaction_id: 't2', merchant: HOSTILE } },
  { line: 3, reason: 'invalid_currency', record: { transaction_id: 't3' } },
  { line: 5, reason: 'invalid_amount', record: { transaction_id: 't5' } },
  { line: 8, reason: 'malformed_row', record: {}, raw: `t8,"${HOSTILE}` },
  { line: 9, reason: 'invalid_amount', record: { transaction_id: 't9' } },
  { line: 12, reason: 'invalid_currency', record: { transaction_id: 't12' } },
];

/** Runs of every status, one per minute; the newest (index RUN_COUNT - 1) quarantined rows and has a hostile key. */
function runItems(): Array<Record<string, unknown>> {
  return Array.from({ length: RUN_COUNT }, (_, index) => {
    const status = index % 7 === 2 ? 'FAILED' : index % 11 === 5 ? 'RUNNING' : 'SUCCEEDED';
    const started = new Date(BASE_TIME + index * 60_000);
    const base = `2026/11/day-${String(index).padStart(2, '0')}.csv/v${index}`;
    const hostile = index === RUN_COUNT - 1;
    return {
      id: runIdOf(index),
      // Two runs share a millisecond, so paging must break the tie by id.
      timestamp: BASE_TIME + (index === 1 ? 0 : index) * 60_000,
      status,
      bucket: BUCKET,
      key: hostile ? `raw/${HOSTILE}.csv` : `raw/2026/11/day-${String(index).padStart(2, '0')}.csv`,
      versionId: `v${index}`,
      startedAt: started.toISOString(),
      ...(status === 'RUNNING' ? {} : { finishedAt: new Date(started.getTime() + 1500 + index).toISOString() }),
      ...(status === 'SUCCEEDED'
        ? {
            totalRecords: 100 + index,
            validRecords: 100 + index - (hostile ? REPORT_LINES.length : 0),
            quarantinedRecords: hostile ? REPORT_LINES.length : 0,
            outputKeys: {
              records: `processed/${base}/records.jsonl`,
              summary: `processed/${base}/summary.json`,
              quarantineReport: `quarantine/${base}/rejected-rows.jsonl`,
              quarantinedSource: `quarantine/${base}/source/day.csv`,
            },
          }
        : {}),
      ...(status === 'FAILED' ? { failureReason: 'missing_column', failureMessage: 'The file has no amount column.', quarantineKey: `quarantine/${base}/source/day.csv` } : {}),
    };
  });
}

/** The contract's prefixes, as the stack gives them to every reader. */
export const PREFIXES = { RAW_PREFIX: 'raw/', PROCESSED_PREFIX: 'processed/', QUARANTINE_PREFIX: 'quarantine/' };

/** Daily aggregates two runs loaded for account acct-1 (the second in two currencies). */
export const AGGREGATES: Aggregate[] = [
  { accountId: 'acct-1', currency: 'USD', date: '2026-11-02', transactionCount: 3, settledMinor: '-250', pendingMinor: '0', reversedMinor: '100' },
  { accountId: 'acct-1', currency: 'USD', date: '2026-11-01', transactionCount: 5, settledMinor: '123456789012345678', pendingMinor: '42', reversedMinor: '0' },
  { accountId: 'acct-1', currency: 'JPY', date: '2026-11-01', transactionCount: 1, settledMinor: '1500', pendingMinor: '0', reversedMinor: '0' },
  { accountId: 'acct-2', currency: 'EUR', date: '2026-11-01', transactionCount: 9, settledMinor: '900', pendingMinor: '0', reversedMinor: '0' },
];

export interface RunStoreFixture {
  readonly aws: LocalAws;
  readonly db: PGlite;
  /** The shared query module over the emulated table and the embedded Postgres. */
  readonly queries: StatusQueries;
  readonly newestId: string;
  stop(): Promise<void>;
}

/** Where the pipeline writes the quarantine report of a version (the one function that names outputs). */
export const newestReportKey = (key: string, versionId: string) => outputKeysOf({ key, versionId }, PREFIXES).quarantineReport;

/** Emulators and an embedded Postgres holding what the pipeline leaves: run items, a quarantine report, daily aggregates. */
export async function startRunStore(): Promise<RunStoreFixture> {
  const aws = await LocalAws.start({ region: 'us-east-1' });
  // The metadata table's schema (METADATA_TABLE_SCHEMA in libs/constructs; the local-run tests use the synthesized one).
  const [partitionKey, sortKey, runsIndex] = ['id', 'timestamp', { name: RUNS_INDEX, partitionKey: 'status', sortKey: 'timestamp' }] as const;
  await aws.dynamodb.send(
    new CreateTableCommand(
      createTableInput({
        type: 'aws_dynamodb_table',
        id: 'table',
        config: {
          name: TABLE,
          billing_mode: 'PAY_PER_REQUEST',
          hash_key: partitionKey,
          range_key: sortKey,
          attribute: [{ name: partitionKey, type: 'S' }, { name: sortKey, type: 'N' }, { name: runsIndex.partitionKey, type: 'S' }],
          global_secondary_index: [{ name: runsIndex.name, hash_key: runsIndex.partitionKey, range_key: runsIndex.sortKey, projection_type: 'ALL' }],
        },
      }),
    ),
  );
  await aws.s3.send(new CreateBucketCommand({ Bucket: BUCKET }));
  const dynamo = DynamoDBDocumentClient.from(aws.dynamodb);
  const items = runItems();
  for (let i = 0; i < items.length; i += 25) {
    await dynamo.send(new BatchWriteCommand({ RequestItems: { [TABLE]: items.slice(i, i + 25).map((Item) => ({ PutRequest: { Item } })) } }));
  }
  const newest = items[items.length - 1]!;
  const reportKey = newestReportKey(String(newest['key']), String(newest['versionId']));
  await aws.s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: reportKey, Body: REPORT_LINES.map((line) => JSON.stringify(line)).join('\n') + '\n' }));
  const db = await PGlite.create();
  await migrate(db);
  await loadAggregates(db, { bucket: BUCKET, key: 'raw/a.csv', versionId: 'v1', runId: 'run-a' }, AGGREGATES.slice(0, 2));
  await loadAggregates(db, { bucket: BUCKET, key: 'raw/b.csv', versionId: 'v1', runId: 'run-b' }, AGGREGATES.slice(2));
  const queries = statusQueries({ dynamo, tableName: TABLE, database: async () => db });
  return { aws, db, queries, newestId: String(newest['id']), stop: async () => void (await Promise.all([aws.stop(), db.close()])) };
}
