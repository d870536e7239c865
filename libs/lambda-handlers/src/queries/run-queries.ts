import { GetObjectCommand, NoSuchKey, type S3Client } from '@aws-sdk/client-s3';
import { QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import type { RunStatus } from '../pipeline/run-store.js';
import { decodeRunCursor, encodeRunCursor, isAfterCursor, newestFirst, type RunCursor } from './run-cursor.js';

/**
 * THE queries over the pipeline's run store (the metadata table and the run's outputs in S3), for
 * every reader: the console and the status API read runs through these, never with their own.
 */

/** Every status a run item can have; the `runs-by-status` index is partitioned by it. */
export const RUN_STATUSES: readonly RunStatus[] = ['RUNNING', 'SUCCEEDED', 'FAILED'];

export interface RunStore {
  readonly dynamo: DynamoDBDocumentClient;
  readonly s3: S3Client;
  readonly tableName: string;
  /** The GSI listing runs by status and time (METADATA_TABLE_SCHEMA.runsIndex). */
  readonly runsIndex: string;
  /** The data bucket holding summaries and quarantine reports. */
  readonly bucket: string;
}

/** One run as lists show it. Counts are there once the run succeeded. */
export interface RunListItem {
  readonly id: string;
  readonly timestamp: number;
  readonly status: RunStatus;
  readonly bucket: string;
  readonly key: string;
  readonly versionId?: string;
  readonly startedAt?: string;
  readonly finishedAt?: string;
  readonly durationMs?: number;
  readonly totalRecords?: number;
  readonly validRecords?: number;
  readonly quarantinedRecords?: number;
  readonly failureReason?: string;
  readonly failureMessage?: string;
}

export interface RunPage {
  readonly runs: readonly RunListItem[];
  /** Opaque cursor of the next (older) page; absent on the last page. */
  readonly next?: string;
}

const num = (value: unknown) => (value === undefined || value === null ? undefined : Number(value));

function toListItem(item: Record<string, unknown>): RunListItem {
  const optional = (name: string) => (typeof item[name] === 'string' ? { [name]: item[name] as string } : {});
  const count = (name: string) => (num(item[name]) === undefined ? {} : { [name]: num(item[name]) });
  const started = typeof item['startedAt'] === 'string' ? Date.parse(item['startedAt']) : NaN;
  const finished = typeof item['finishedAt'] === 'string' ? Date.parse(item['finishedAt']) : NaN;
  return {
    id: String(item['id']),
    timestamp: Number(item['timestamp']),
    status: item['status'] as RunStatus,
    bucket: String(item['bucket'] ?? ''),
    key: String(item['key'] ?? ''),
    ...optional('versionId'),
    ...optional('startedAt'),
    ...optional('finishedAt'),
    ...optional('failureReason'),
    ...optional('failureMessage'),
    ...count('totalRecords'),
    ...count('validRecords'),
    ...count('quarantinedRecords'),
    ...(Number.isFinite(started) && Number.isFinite(finished) ? { durationMs: finished - started } : {}),
  };
}

/** Up to `wanted` runs of one status older than the cursor, newest first, paging the index as needed. */
async function runsWithStatus(store: RunStore, status: RunStatus, wanted: number, cursor: RunCursor | undefined): Promise<RunListItem[]> {
  const found: RunListItem[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await store.dynamo.send(
      new QueryCommand({
        TableName: store.tableName,
        IndexName: store.runsIndex,
        KeyConditionExpression: cursor ? '#status = :status AND #ts <= :ts' : '#status = :status',
        ExpressionAttributeNames: { '#status': 'status', ...(cursor ? { '#ts': 'timestamp' } : {}) },
        ExpressionAttributeValues: { ':status': status, ...(cursor ? { ':ts': cursor.timestamp } : {}) },
        ScanIndexForward: false,
        Limit: wanted + 1,
        ExclusiveStartKey: startKey,
      }),
    );
    for (const item of page.Items ?? []) {
      const run = toListItem(item);
      if (!cursor || isAfterCursor(run, cursor)) found.push(run);
    }
    startKey = page.LastEvaluatedKey;
  } while (startKey && found.length < wanted);
  return found;
}

/** Runs of every status, newest first, `limit` per page; `cursor` is a page's `next`. */
export async function listRuns(store: RunStore, options: { readonly limit: number; readonly cursor?: string }): Promise<RunPage> {
  const cursor = options.cursor === undefined ? undefined : decodeRunCursor(options.cursor);
  const perStatus = await Promise.all(RUN_STATUSES.map((status) => runsWithStatus(store, status, options.limit + 1, cursor)));
  const merged = perStatus.flat().sort(newestFirst);
  const runs = merged.slice(0, options.limit);
  const last = runs[runs.length - 1];
  return merged.length > options.limit && last ? { runs, next: encodeRunCursor(last) } : { runs };
}

/** One reason for quarantining rows, with how many rows it took. */
export interface QuarantineReason {
  readonly reason: string;
  readonly count: number;
}

/** A rejected row as the run page shows it: where, why, and its text. */
export interface RejectedLine {
  readonly line: number;
  readonly reason: string;
  readonly text: string;
}

export interface RunDetail {
  readonly run: RunListItem;
  readonly outputs: Readonly<Record<string, string>>;
  /** Absent when the run wrote no quarantine report (nothing rejected, or it failed before). */
  readonly quarantine?: {
    readonly reportKey: string;
    readonly reasons: readonly QuarantineReason[];
    readonly firstRejected: readonly RejectedLine[];
  };
  /** Key of the source copy a rejected file was moved to. */
  readonly quarantineKey?: string;
}

/** How many rejected rows a run page lists. */
export const FIRST_REJECTED_LINES = 10;

/** The latest run item of an object version's run id, or undefined. */
async function runItem(store: RunStore, runId: string): Promise<Record<string, unknown> | undefined> {
  const result = await store.dynamo.send(
    new QueryCommand({
      TableName: store.tableName,
      KeyConditionExpression: '#id = :id',
      ExpressionAttributeNames: { '#id': 'id' },
      ExpressionAttributeValues: { ':id': runId },
      ScanIndexForward: false,
      Limit: 1,
    }),
  );
  return result.Items?.[0];
}

async function openReport(store: RunStore, key: string): Promise<Readable | undefined> {
  try {
    return (await store.s3.send(new GetObjectCommand({ Bucket: store.bucket, Key: key }))).Body as Readable;
  } catch (error) {
    if (error instanceof NoSuchKey || (error as Error).name === 'NoSuchKey') return undefined;
    throw error;
  }
}

/** Reads a quarantine report (JSON Lines) once: counts per reason, and the first rejected rows. */
async function summarizeReport(stream: Readable): Promise<{ reasons: QuarantineReason[]; firstRejected: RejectedLine[] }> {
  const counts = new Map<string, number>();
  const firstRejected: RejectedLine[] = [];
  for await (const text of createInterface({ input: stream, crlfDelay: Infinity })) {
    if (text.trim() === '') continue;
    const entry = JSON.parse(text) as { line: number; reason: string; raw?: string; record?: Record<string, unknown> };
    counts.set(entry.reason, (counts.get(entry.reason) ?? 0) + 1);
    if (firstRejected.length < FIRST_REJECTED_LINES) {
      firstRejected.push({ line: entry.line, reason: entry.reason, text: entry.raw ?? JSON.stringify(entry.record ?? {}) });
    }
  }
  const reasons = [...counts].map(([reason, count]) => ({ reason, count })).sort((a, b) => b.count - a.count || a.reason.localeCompare(b.reason));
  return { reasons, firstRejected };
}

/** One run with its quarantine reasons, counts, first rejected rows and output keys; undefined when unknown. */
export async function getRun(store: RunStore, runId: string): Promise<RunDetail | undefined> {
  const item = await runItem(store, runId);
  if (!item) return undefined;
  const outputs = (item['outputKeys'] as Record<string, string> | undefined) ?? {};
  const reportKey = outputs['quarantineReport'];
  const report = reportKey ? await openReport(store, reportKey) : undefined;
  return {
    run: toListItem(item),
    outputs,
    ...(report && reportKey ? { quarantine: { reportKey, ...(await summarizeReport(report)) } } : {}),
    ...(typeof item['quarantineKey'] === 'string' ? { quarantineKey: item['quarantineKey'] } : {}),
  };
}

/** A cheap read of the runs index: proves the table is reachable and readable with the caller's rights. */
export async function checkRunStore(store: RunStore, abortSignal: AbortSignal): Promise<void> {
  await store.dynamo.send(
    new QueryCommand({
      TableName: store.tableName,
      IndexName: store.runsIndex,
      KeyConditionExpression: '#status = :status',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: { ':status': 'RUNNING' },
      Limit: 1,
    }),
    { abortSignal },
  );
}
