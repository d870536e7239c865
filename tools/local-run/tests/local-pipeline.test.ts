import { findWorkspaceRoot } from '@data-platform/workspace';
import { GetObjectCommand, HeadObjectCommand } from '@aws-sdk/client-s3';
import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import type { QuarantineEntry, RunSummary } from '@data-platform/lambda-handlers';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LocalPipeline, type PipelineRun } from '../src/index.js';
import { CLEAN_CSV, EVERY_REASON_CSV, GZIP_JSONL, MISSING_COLUMN_CSV, type Fixture } from './fixtures.js';

describe('LocalPipeline (synthesized dev stack, built bundles, local emulators)', () => {
  let local: LocalPipeline;
  let dir: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'local-run-test-'));
    local = await LocalPipeline.start({ workspaceRoot: findWorkspaceRoot(import.meta.dirname), env: 'dev', retryTimeScale: 0.001 });
  });

  afterAll(async () => {
    await local?.stop();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  /** Writes the fixture under `name` (default: its own) and runs it through the pipeline. */
  async function run(fixture: Fixture, name = fixture.name): Promise<PipelineRun> {
    const file = join(dir, name);
    await writeFile(file, fixture.content);
    return local.run(file);
  }

  async function s3Text(key: string): Promise<string> {
    const object = await local.aws.s3.send(new GetObjectCommand({ Bucket: local.pipeline.bucket, Key: key }));
    return object.Body!.transformToString();
  }

  async function runItem(report: PipelineRun['report']): Promise<Record<string, unknown> | undefined> {
    const { hashKey, rangeKey, name } = local.pipeline.table;
    const { Item } = await DynamoDBDocumentClient.from(local.aws.dynamodb).send(
      new GetCommand({ TableName: name, Key: { [hashKey]: report.runId, [rangeKey!]: report.runTimestamp }, ConsistentRead: true }),
    );
    return Item;
  }

  /** The report must be what the pipeline stored: summary.json's counts and aggregates, the quarantine report's entries. */
  async function expectReportMatchesStoredOutputs(result: PipelineRun, fixture: Fixture): Promise<void> {
    const { report } = result;
    expect(report.status).toBe('SUCCEEDED');
    expect(report.records).toEqual(fixture.records);
    expect(report.records.total).toBe(report.records.valid + report.records.quarantined);
    expect(report.aggregates).toEqual(fixture.aggregates);
    expect(report.quarantine).toEqual(fixture.quarantine);

    const item = await runItem(report);
    expect(item).toMatchObject({
      status: 'SUCCEEDED',
      totalRecords: fixture.records.total,
      validRecords: fixture.records.valid,
      quarantinedRecords: fixture.records.quarantined,
    });
    const summary = JSON.parse(await s3Text(item!['summaryKey'] as string)) as RunSummary;
    expect(summary.records).toEqual(report.records);
    expect(summary.aggregates).toEqual(report.aggregates);
    const rejected = (await s3Text(summary.outputs.quarantineReport))
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as QuarantineEntry);
    expect(rejected.map(({ line, transactionId, reason }) => ({ line, ...(transactionId === undefined ? {} : { transactionId }), reason }))).toEqual(report.quarantine);
    const records = (await s3Text(summary.outputs.records)).split('\n').filter(Boolean);
    expect(records).toHaveLength(fixture.records.valid);
    // The load step wrote exactly the summary's aggregates, read back from the database.
    expect(report.database).toEqual({ table: 'daily_aggregates', rows: summary.aggregates.length });
  }

  it('runs the synthesized definition validate → transform → load → record → notify on a clean CSV', async () => {
    const result = await run(CLEAN_CSV);
    expect(result.execution?.states).toEqual(['ValidateObject', 'AlreadyProcessed', 'SingleOrFanOut', 'TransformObject', 'LoadAggregates', 'RecordMetadata', 'Notify', 'Succeeded']);
    expect(result.report.api).toMatchObject({
      statusCode: 200,
      body: { id: result.report.runId, status: 'SUCCEEDED', records: result.report.records, source: { key: result.event.detail.object.key } },
    });
    await expectReportMatchesStoredOutputs(result, CLEAN_CSV);
    expect(result.report.notifications).toEqual([{ topic: expect.stringContaining('pipeline-events'), subject: 'Pipeline run succeeded' }]);
  });

  it('quarantines one row per reason code with its physical line, keeping the exact aggregates of the rest', async () => {
    await expectReportMatchesStoredOutputs(await run(EVERY_REASON_CSV), EVERY_REASON_CSV);
  });

  it('processes gzip-compressed JSON Lines', async () => {
    await expectReportMatchesStoredOutputs(await run(GZIP_JSONL), GZIP_JSONL);
  });

  it('rejects a file missing a column: copies it under quarantine/, marks the run FAILED and alerts', async () => {
    const published = local.sns.messages.length;
    const result = await run(MISSING_COLUMN_CSV);
    const { report } = result;

    expect(report.status).toBe('FAILED');
    expect(result.execution?.error?.Error).toBe('PipelineRunFailed');
    expect(result.execution?.states).toEqual([
      'ValidateObject',
      'AlreadyProcessed',
      'SingleOrFanOut',
      'TransformObject',
      'QuarantineObject',
      'RecordFailure',
      'AlertFailure',
      'RunFailed',
    ]);
    expect(report.records).toEqual({ total: 0, valid: 0, quarantined: 0 });
    expect(report.failure).toMatchObject({
      error: 'PipelineRunFailed',
      reason: 'missing_column',
      message: 'CSV header is missing required column(s): status',
      quarantineKey: 'quarantine/missing-status.csv/null/source/missing-status.csv',
    });
    expect(await s3Text(report.failure!.quarantineKey!)).toBe(MISSING_COLUMN_CSV.content);
    expect(await runItem(report)).toMatchObject({
      status: 'FAILED',
      failureReason: 'missing_column',
      failureMessage: 'CSV header is missing required column(s): status',
      quarantineKey: report.failure!.quarantineKey,
    });

    const alerts = local.sns.messages.slice(published);
    expect(alerts.map((message) => [message.topicName, message.subject])).toEqual([[expect.stringContaining('alerts'), 'Pipeline run failed in dev: missing_column']]);
    const [alert] = alerts;
    expect(alert!.message).toMatch(/^Pipeline run failed in dev: s3:\/\/\S+\/raw\/missing-status\.csv was rejected with reason missing_column\. CSV header is missing required column\(s\): status\. The object was copied to s3:\/\/\S+\/quarantine\/missing-status\.csv\/null\/source\/missing-status\.csv and is not retried\. Run \S+\.$/);
    expect(alert!.message).not.toMatch(/\\n|\bat \S+:\d+/); // no escaped stack trace
    expect(alert!.attributes).toEqual({
      environment: 'dev',
      reason: 'missing_column',
      runId: report.runId,
      object: expect.stringMatching(/^s3:\/\/.*\/raw\/missing-status\.csv$/),
      quarantineKey: report.failure!.quarantineKey,
    });
    expect(report.failure!.alert).toBe(alert!.message);
  });

  it('counts a replayed object version once: the second execution takes SkipReplay and changes nothing', async () => {
    const file = join(dir, 'replay.csv');
    await writeFile(file, CLEAN_CSV.content);
    const event = await local.upload(file);
    const first = await local.deliver(event);
    await expectReportMatchesStoredOutputs(first, CLEAN_CSV);
    const itemBefore = await runItem(first.report);
    const summaryKey = itemBefore!['summaryKey'] as string;
    const summaryBefore = await local.aws.s3.send(new HeadObjectCommand({ Bucket: local.pipeline.bucket, Key: summaryKey }));
    const published = local.sns.messages.length;

    const replay = await local.deliver(event);

    expect(replay.execution?.states).toEqual(['ValidateObject', 'AlreadyProcessed', 'SkipReplay']);
    expect(replay.report).toMatchObject({ status: 'SUCCEEDED', alreadyProcessed: true, runId: first.report.runId });
    expect(replay.report.records).toEqual(first.report.records);
    expect(replay.report.aggregates).toEqual(first.report.aggregates);
    expect(await runItem(first.report)).toEqual(itemBefore);
    const summaryAfter = await local.aws.s3.send(new HeadObjectCommand({ Bucket: local.pipeline.bucket, Key: summaryKey }));
    expect(summaryAfter.ETag).toBe(summaryBefore.ETag);
    expect(summaryAfter.LastModified).toEqual(summaryBefore.LastModified);
    expect(local.sns.messages.length).toBe(published);
    expect(replay.report.database).toEqual(first.report.database);
  });

  it('replaces, never adds to, a version\'s rows when its load step runs again (a redrive)', async () => {
    const file = join(dir, 'redrive.csv');
    await writeFile(file, CLEAN_CSV.content);
    const first = await local.run(file);
    const { bucket, object } = first.event.detail;
    const load = [...local.functions.values()].find((fn) => fn.config.name.includes('-load-'))!;
    const summaryKey = (await runItem(first.report))!['summaryKey'] as string;
    const again = await load.invoke({ run: { bucket: bucket.name, key: object.key, versionId: object['version-id'], runId: first.report.runId }, summaryKey });
    expect(again).toMatchObject({ ok: true, payload: { table: 'daily_aggregates', rows: first.report.aggregates.length } });
    const { rows } = await local.database.db.query<{ n: number }>('SELECT count(*)::int AS n FROM daily_aggregates WHERE source_key = $1', [object.key]);
    expect(rows[0]!.n).toBe(first.report.database!.rows);
  });

  it('does not start an execution for an object outside raw/ (the synthesized rule does not match)', async () => {
    const file = join(dir, 'elsewhere.csv');
    await writeFile(file, CLEAN_CSV.content);
    const result = await local.run(file, 'incoming/elsewhere.csv');
    expect(result.execution).toBeUndefined();
    expect(result.report.status).toBe('NOT_TRIGGERED');
  });

  describe('transient faults', () => {
    it('absorbs S3 SlowDown on reading the object mid-run (the handler SDK retries) and counts exactly', async () => {
      const before = (await local.aws.stats()).injected.length;
      await local.injectFault({ service: 's3', operation: 'GetObject', keyPrefix: 'raw/fault-s3', count: 2 });
      const result = await run(EVERY_REASON_CSV, 'fault-s3.csv');
      await expectReportMatchesStoredOutputs(result, EVERY_REASON_CSV);
      const injected = (await local.aws.stats()).injected.slice(before);
      expect(injected).toEqual([
        { service: 's3', operation: 'GetObject', key: 'raw/fault-s3.csv', status: 503, code: 'SlowDown' },
        { service: 's3', operation: 'GetObject', key: 'raw/fault-s3.csv', status: 503, code: 'SlowDown' },
      ]);
    });

    it('absorbs DynamoDB throttling of RecordMetadata with the definition Retry', async () => {
      // The transform's own UpdateItem passes; the state machine's next two UpdateItem calls are throttled.
      await local.injectFault({ service: 'dynamodb', operation: 'UpdateItem', after: 1, count: 2 });
      const result = await run(GZIP_JSONL, 'fault-dynamodb.jsonl.gz');
      expect(result.execution?.retries).toEqual({ RecordMetadata: 2 });
      expect(result.execution?.events.filter((event) => event.type === 'StateFailed').map((event) => event.Error)).toEqual([
        'DynamoDB.ThrottlingException',
        'DynamoDB.ThrottlingException',
      ]);
      await expectReportMatchesStoredOutputs(result, GZIP_JSONL);
    });

    it('absorbs a throttled Lambda invoke of the transform with the definition Retry', async () => {
      const transform = local.pipeline.functions.find((fn) => fn.name.includes('transform'))!;
      local.injectLambdaFault({ functionName: transform.name, count: 2 });
      const result = await run(CLEAN_CSV, 'fault-lambda.csv');
      expect(result.execution?.retries).toEqual({ TransformObject: 2 });
      await expectReportMatchesStoredOutputs(result, CLEAN_CSV);
    });

    // Outlasts the handler SDK's 3 attempts: the handler reports TransientError and the definition's Retry re-invokes.
    it('retries an S3 throttle that outlasts the SDK retries (the definition retries TransientError)', async () => {
      await local.injectFault({ service: 's3', operation: 'GetObject', keyPrefix: 'raw/fault-s3-long', count: 4 });
      const result = await run(CLEAN_CSV, 'fault-s3-long.csv').finally(() => local.aws.clearFaults());
      expect(result.report.status).toBe('SUCCEEDED');
      expect(result.execution?.retries).toEqual({ TransformObject: 1 });
    });
  });

  it('gave each function one cold start and reused its execution environment', () => {
    // The fan-out functions are not called: these files take the single transform function.
    for (const [name, fn] of local.functions) expect(fn.coldStarts).toBe(name.includes('-fan-out-') ? 0 : 1);
    expect([...local.functions.values()].map((fn) => fn.invocations).reduce((a, b) => a + b)).toBeGreaterThan(10);
  });
});
