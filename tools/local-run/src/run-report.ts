import { GetObjectCommand, HeadObjectCommand } from '@aws-sdk/client-s3';
import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import type { Aggregate, QuarantineEntry, RunSummary } from '@data-platform/lambda-handlers';
import type { LocalAws } from '@data-platform/local-aws';
import type { ObjectCreatedEvent } from './event-pattern.js';
import type { PublishedMessage } from './sns-recorder.js';
import type { ExecutionResult } from './state-machine/run-execution.js';
import type { SynthesizedPipeline } from './synthesized-pipeline.js';

/** A quarantined row as the run report lists it: where it was and why (the row itself stays in S3). */
export interface QuarantinedRow {
  readonly line: number;
  readonly transactionId?: string;
  readonly reason: string;
}

/** One object the run wrote. `file` is its copy under --out once dumped. */
export interface RunOutput {
  readonly name: string;
  readonly s3: string;
  readonly file?: string;
}

/** The `--json` document (SPEC §6): one per run. */
export interface RunReport {
  readonly status: 'SUCCEEDED' | 'FAILED' | 'NOT_TRIGGERED';
  readonly env: string;
  readonly source: { readonly bucket: string; readonly key: string; readonly versionId?: string };
  readonly records: RunSummary['records'];
  /** Exactly `summary.json`'s aggregates. */
  readonly aggregates: readonly Aggregate[];
  /** The quarantine report's entries without the row contents. */
  readonly quarantine: readonly QuarantinedRow[];
  readonly outputs: readonly RunOutput[];
  /** Key of the run item (id, timestamp) in the metadata table. */
  readonly runId?: string;
  readonly runTimestamp?: number;
  /** Status of the run item in DynamoDB. */
  readonly runStatus?: string;
  /** The object version had been processed before: the execution skipped it (SkipReplay). */
  readonly alreadyProcessed: boolean;
  readonly failure?: {
    readonly error: string;
    readonly reason?: string;
    /** The failure in one sentence, as the run item keeps it. */
    readonly message?: string;
    readonly quarantineKey?: string;
    /** The alert as published: the sentence an operator reads. */
    readonly alert?: string;
  };
  readonly notifications: ReadonlyArray<{ readonly topic: string; readonly subject?: string }>;
  /** Shards the file was processed in: the fan-out planner's count, 1 when the single transform function ran. */
  readonly shards?: number;
  /** The load step's table and the rows it holds for this object version, read back by query. */
  readonly database?: { readonly table: string; readonly rows: number };
  /** The real status API function's answer to GET /runs/{runId}. */
  readonly api?: { readonly statusCode: number; readonly body: unknown };
  readonly execution?: {
    readonly name: string;
    readonly states: readonly string[];
    readonly retries: Readonly<Record<string, number>>;
    readonly durationMs: number;
  };
}

interface RunKey {
  readonly runId: string;
  readonly runTimestamp: number;
}

/** The planner's shard count when the execution took the fan-out branch, else 1 (one function, one shard). */
function shardsOf(execution: ExecutionResult): number {
  for (const event of execution.events) {
    const shards = (event.state?.output as { plan?: { result?: { shards?: unknown } } } | undefined)?.plan?.result?.shards;
    if (typeof shards === 'number') return shards;
  }
  return 1;
}

/** The run key the pipeline's steps computed, from the last state output that carries one. */
function runKeyOf(execution: ExecutionResult): (RunKey & { alreadyProcessed: boolean }) | undefined {
  for (const event of [...execution.events].reverse()) {
    if (event.type !== 'StateExited') continue;
    const output = event.state?.output as { validation?: { result?: Partial<RunKey> & { alreadyProcessed?: boolean } }; quarantine?: { result?: Partial<RunKey> } } | undefined;
    for (const result of [output?.quarantine?.result, output?.validation?.result]) {
      if (typeof result?.runId === 'string' && typeof result.runTimestamp === 'number') {
        return { runId: result.runId, runTimestamp: result.runTimestamp, alreadyProcessed: output?.validation?.result?.alreadyProcessed === true };
      }
    }
  }
  return undefined;
}

async function readText(aws: LocalAws, bucket: string, key: string): Promise<string | undefined> {
  try {
    const object = await aws.s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
    return await object.Body!.transformToString();
  } catch (error) {
    if ((error as Error).name === 'NoSuchKey') return undefined;
    throw error;
  }
}

async function exists(aws: LocalAws, bucket: string, key: string): Promise<boolean> {
  try {
    await aws.s3.send(new HeadObjectCommand({ Bucket: bucket, Key: key }));
    return true;
  } catch {
    return false;
  }
}

/**
 * What one execution did, read back from where the pipeline records it: the run item in
 * DynamoDB, `summary.json` and the quarantine report in S3 (never recomputed here).
 */
export async function buildRunReport(input: {
  readonly env: string;
  readonly aws: LocalAws;
  readonly pipeline: SynthesizedPipeline;
  readonly event: ObjectCreatedEvent;
  readonly execution: ExecutionResult;
  readonly notifications: readonly PublishedMessage[];
}): Promise<RunReport> {
  const { aws, pipeline, event, execution } = input;
  const bucket = event.detail.bucket.name;
  const object = event.detail.object;
  const key = runKeyOf(execution);
  const item = key
    ? (
        await DynamoDBDocumentClient.from(aws.dynamodb).send(
          new GetCommand({
            TableName: pipeline.table.name,
            Key: { [pipeline.table.hashKey]: key.runId, ...(pipeline.table.rangeKey ? { [pipeline.table.rangeKey]: key.runTimestamp } : {}) },
            ConsistentRead: true,
          }),
        )
      ).Item
    : undefined;

  const summaryText = typeof item?.['summaryKey'] === 'string' ? await readText(aws, bucket, item['summaryKey']) : undefined;
  const summary = summaryText ? (JSON.parse(summaryText) as RunSummary) : undefined;
  const reportText = summary ? await readText(aws, bucket, summary.outputs.quarantineReport) : undefined;
  const quarantine = (reportText ?? '')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as QuarantineEntry)
    .map(({ line, transactionId, reason }) => ({ line, ...(transactionId !== undefined ? { transactionId } : {}), reason }));

  const candidates: Array<[string, string]> = [
    ...Object.entries(summary?.outputs ?? {}),
    ...(typeof item?.['quarantineKey'] === 'string' && item['quarantineKey'] ? [['quarantinedSource', item['quarantineKey']] as [string, string]] : []),
  ];
  const outputs: RunOutput[] = [];
  for (const [name, outputKey] of candidates) {
    if (!outputs.some((output) => output.name === name) && (await exists(aws, bucket, outputKey))) {
      outputs.push({ name, s3: `s3://${bucket}/${outputKey}` });
    }
  }

  const failed = execution.status === 'FAILED';
  // The failure alert is the published message that carries a reason attribute.
  const alert = failed ? input.notifications.find((message) => message.attributes?.['reason'] !== undefined) : undefined;
  return {
    status: execution.status,
    env: input.env,
    source: { bucket, key: object.key, ...(summary?.source.versionId ? { versionId: summary.source.versionId } : {}) },
    records: summary?.records ?? { total: 0, valid: 0, quarantined: 0 },
    aggregates: summary?.aggregates ?? [],
    quarantine,
    outputs,
    ...(key ? { runId: key.runId, runTimestamp: key.runTimestamp } : {}),
    ...(typeof item?.['status'] === 'string' ? { runStatus: item['status'] } : {}),
    alreadyProcessed: key?.alreadyProcessed ?? false,
    ...(failed
      ? {
          failure: {
            error: execution.error?.Error ?? 'Unknown',
            ...(typeof item?.['failureReason'] === 'string' ? { reason: item['failureReason'] } : {}),
            ...(typeof item?.['failureMessage'] === 'string' ? { message: item['failureMessage'] } : {}),
            ...(typeof item?.['quarantineKey'] === 'string' && item['quarantineKey'] ? { quarantineKey: item['quarantineKey'] } : {}),
            ...(alert ? { alert: alert.message } : {}),
          },
        }
      : {}),
    notifications: input.notifications.map((message) => ({ topic: message.topicName, ...(message.subject ? { subject: message.subject } : {}) })),
    ...(key && !key.alreadyProcessed ? { shards: shardsOf(execution) } : {}),
    execution: { name: execution.name, states: execution.states, retries: execution.retries, durationMs: execution.durationMs },
  };
}

/** The report when the trigger rule did not match the object: nothing ran, as in AWS. */
export function notTriggeredReport(env: string, event: ObjectCreatedEvent): RunReport {
  return {
    status: 'NOT_TRIGGERED',
    env,
    source: { bucket: event.detail.bucket.name, key: event.detail.object.key },
    records: { total: 0, valid: 0, quarantined: 0 },
    aggregates: [],
    quarantine: [],
    outputs: [],
    alreadyProcessed: false,
    notifications: [],
  };
}
