import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunSummary } from '@data-platform/lambda-handlers';
import { BUCKET, lambdaContext, startLocalPipeline, type LocalPipeline } from './pipeline-harness.js';

const CSV = [
  'transaction_id,account_id,timestamp,currency,amount,status,merchant',
  'T1,A1,2024-05-01T10:00:00Z,USD,10.50,settled,Shop',
  'T2,A1,2024-05-01T11:00:00Z,USD,-0.50,pending,',
  'T2,A1,2024-05-01T11:00:00Z,USD,1.00,settled,',
  'T3,A2,2024-05-01T11:00:00Z,GBP,abc,settled,',
  '',
].join('\n');

describe('pipeline handlers against the local emulators', () => {
  let pipeline: LocalPipeline;

  beforeAll(async () => {
    pipeline = await startLocalPipeline();
  });

  afterAll(async () => {
    await pipeline?.aws.stop();
  });

  const put: LocalPipeline['put'] = (key, body) => pipeline.put(key, body);
  const text: LocalPipeline['text'] = (key) => pipeline.text(key);
  const runItem: LocalPipeline['runItem'] = (run) => pipeline.runItem(run);
  const validate: LocalPipeline['validate'] = (event, context) => pipeline.validate(event, context);
  const transform: LocalPipeline['transform'] = (event, context) => pipeline.transform(event, context);
  const quarantine: LocalPipeline['quarantine'] = (event, context) => pipeline.quarantine(event, context);

  it('validate claims the run of a landed object version', async () => {
    const event = await put('raw/claim.csv', CSV);
    const result = await validate(event, lambdaContext('validate'));
    expect(result).toMatchObject({
      bucket: BUCKET,
      key: 'raw/claim.csv',
      versionId: 'null',
      size: Buffer.byteLength(CSV),
      format: { kind: 'csv', gzip: false },
      runId: `${BUCKET}/raw/claim.csv@null`,
      alreadyProcessed: false,
    });
    expect(await runItem(result)).toMatchObject({ status: 'RUNNING', key: 'raw/claim.csv', format: 'csv', bytes: Buffer.byteLength(CSV) });
  });

  it('validate rejects an empty object as a PermanentError (empty_file)', async () => {
    const event = await put('raw/empty.csv', '');
    await expect(validate(event, lambdaContext('validate'))).rejects.toMatchObject({
      name: 'PermanentError',
      message: expect.stringContaining('"reason":"empty_file"'),
    });
  });

  it('transform writes records, the quarantine report and summary.json, and records them on the run item', async () => {
    const run = await validate(await put('raw/transform.csv', CSV), lambdaContext('validate'));
    const result = await transform({ run }, lambdaContext('transform'));

    expect(result.records).toEqual({ total: 4, valid: 2, quarantined: 2 });
    expect(result.outputs).toEqual({
      records: 'processed/transform.csv/null/records.jsonl',
      summary: 'processed/transform.csv/null/summary.json',
      quarantineReport: 'quarantine/transform.csv/null/rejected-rows.jsonl',
      quarantinedSource: 'quarantine/transform.csv/null/source/transform.csv',
    });
    const summary = JSON.parse(await text(result.outputs.summary)) as RunSummary;
    expect(summary.records).toEqual(result.records);
    expect(summary.aggregates).toEqual([
      { accountId: 'A1', currency: 'USD', date: '2024-05-01', transactionCount: 2, settledMinor: '1050', pendingMinor: '-50', reversedMinor: '0' },
    ]);
    const rejected = (await text(result.outputs.quarantineReport)).trim().split('\n').map((line) => JSON.parse(line));
    expect(rejected.map(({ line, reason }) => [line, reason])).toEqual([
      [4, 'duplicate_id'],
      [5, 'invalid_amount'],
    ]);
    expect((await text(result.outputs.records)).trim().split('\n')).toHaveLength(2);
    expect(await runItem(run)).toMatchObject({ status: 'RUNNING', bytesRead: Buffer.byteLength(CSV), outputKeys: result.outputs });
  });

  it('claimRun reports a version processed before as alreadyProcessed and leaves its run item alone', async () => {
    const event = await put('raw/replay.csv', CSV);
    const first = await validate(event, lambdaContext('validate'));
    await transform({ run: first }, lambdaContext('transform'));
    await pipeline.recordSucceeded(first);
    const before = await runItem(first);

    const replay = await validate(event, lambdaContext('validate'));

    expect(replay).toMatchObject({ runId: first.runId, runTimestamp: first.runTimestamp, alreadyProcessed: true });
    expect(await runItem(first)).toEqual(before);
  });

  it('quarantine copies a permanently rejected object under quarantine/ and names the run and reason', async () => {
    const event = await put('raw/bad-header.csv', 'transaction_id,amount\nX,1\n');
    const error = { Error: 'PermanentError', Cause: JSON.stringify({ errorType: 'PermanentError', errorMessage: JSON.stringify({ reason: 'missing_column', message: 'CSV header is missing required column(s): account_id' }) }) };
    const result = await quarantine({ ...event, error, environment: 'e2e' }, lambdaContext('quarantine'));
    expect(result).toMatchObject({
      runId: `${BUCKET}/raw/bad-header.csv@null`,
      reason: 'missing_column',
      message: 'CSV header is missing required column(s): account_id',
      quarantineKey: 'quarantine/bad-header.csv/null/source/bad-header.csv',
    });
    expect(result.alert).toMatchObject({ subject: 'Pipeline run failed in e2e: missing_column', reason: 'missing_column', runId: result.runId });
    expect(result.alert.message).toBe(
      `Pipeline run failed in e2e: s3://${BUCKET}/raw/bad-header.csv was rejected with reason missing_column. ` +
        'CSV header is missing required column(s): account_id. ' +
        `The object was copied to s3://${BUCKET}/quarantine/bad-header.csv/null/source/bad-header.csv and is not retried. ` +
        `Run ${BUCKET}/raw/bad-header.csv@null.`,
    );
    expect(await text(result.quarantineKey)).toBe('transaction_id,amount\nX,1\n');
  });

  it('quarantine leaves the object in place for a failure that was not bad input', async () => {
    const event = await put('raw/timed-out.csv', CSV);
    const result = await quarantine({ ...event, error: { Error: 'States.Timeout', Cause: 'Task timed out' } }, lambdaContext('quarantine'));
    expect(result).toMatchObject({ reason: 'States.Timeout', quarantineKey: '' });
  });

  describe('transient errors', () => {
    it('absorbs a throttled claim (DynamoDB ThrottlingException) within the invocation', async () => {
      const event = await put('raw/throttled-claim.csv', CSV);
      const before = (await pipeline.aws.stats()).injected.length;
      await pipeline.aws.injectFault({ service: 'dynamodb', operation: 'PutItem' });
      const result = await validate(event, lambdaContext('validate'));
      expect(result.alreadyProcessed).toBe(false);
      expect((await pipeline.aws.stats()).injected.slice(before)).toEqual([{ service: 'dynamodb', operation: 'PutItem', status: 400, code: 'ThrottlingException' }]);
    });

    it('fails an invocation whose S3 reads stay throttled past the SDK retries, and succeeds when retried', async () => {
      const run = await validate(await put('raw/throttled-read.csv', CSV), lambdaContext('validate'));
      await pipeline.aws.injectFault({ service: 's3', operation: 'GetObject', keyPrefix: 'raw/throttled-read.csv', count: 3 });
      await expect(transform({ run }, lambdaContext('transform'))).rejects.toMatchObject({ name: 'TransientError', cause: { $metadata: { httpStatusCode: 503 } } });

      // What the state machine's Retry does: invoke again. The run is still claimable and the outputs are complete.
      const retried = await transform({ run }, lambdaContext('transform'));
      expect(retried.records).toEqual({ total: 4, valid: 2, quarantined: 2 });
      expect(JSON.parse(await text(retried.outputs.summary))).toMatchObject({ records: retried.records });
    });

    // The definition's Lambda Retry matches `TransientError`, so the name is what makes Step Functions retry.
    it('reports S3 throttling that outlasts the SDK retries as TransientError, which the state machine retries', async () => {
      const run = await validate(await put('raw/throttled-name.csv', CSV), lambdaContext('validate'));
      await pipeline.aws.injectFault({ service: 's3', operation: 'GetObject', keyPrefix: 'raw/throttled-name.csv', count: 3 });
      await expect(transform({ run }, lambdaContext('transform'))).rejects.toMatchObject({ name: 'TransientError' });
    });
  });
});
