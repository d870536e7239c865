import { GetObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { PutItemCommand } from '@aws-sdk/client-dynamodb';
import { DATA_PREFIXES } from '@data-platform/constructs';
import { findWorkspaceRoot } from '@data-platform/workspace';
import { LocalAws, provisionFromStack, REAL_AWS_VARIABLES, type SynthesizedResources } from '@data-platform/local-aws';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { QUARANTINE_PREFIX, RAW_PREFIX, runOps } from '../src/index.js';
import { RecordedEndpoint } from './recorded-endpoint.js';

const ARN = 'arn:aws:states:us-east-1:111111111111:execution:sfn-dev-pipeline-main';
const BUCKET = 'myapp-dev-data-main';
const TABLE = 'table-dev-pipeline-metadata-main';
const root = findWorkspaceRoot(import.meta.dirname);

/** The dev bucket and run table, as the stack synthesizes them (only what replay touches). */
const STACK: SynthesizedResources = {
  ofType: (type) =>
    [
      { type: 'aws_s3_bucket', id: 'bucket', config: { bucket: BUCKET } },
      {
        type: 'aws_dynamodb_table',
        id: 'table',
        config: { name: TABLE, billing_mode: 'PAY_PER_REQUEST', hash_key: 'id', range_key: 'timestamp', attribute: [{ name: 'id', type: 'S' }, { name: 'timestamp', type: 'N' }] },
      },
    ].filter((resource) => resource.type === type),
};

describe('npm run ops', () => {
  let endpoint: RecordedEndpoint;
  let aws: LocalAws;

  beforeAll(async () => {
    [endpoint, aws] = await Promise.all([RecordedEndpoint.start(RecordedEndpoint.recordings(new URL('./fixtures/recordings.json', import.meta.url))), LocalAws.start({ region: 'us-east-1' })]);
    await provisionFromStack(aws, STACK);
    for (const name of REAL_AWS_VARIABLES) delete process.env[name];
    // Step Functions and SSM answer from the recordings; S3 and DynamoDB are the emulators.
    Object.assign(process.env, aws.environment(), { AWS_ENDPOINT_URL_SFN: endpoint.url, AWS_ENDPOINT_URL_SSM: endpoint.url });
    delete process.env['ENVIRONMENT_SUFFIX'];
  });
  afterAll(async () => {
    await Promise.all([endpoint?.stop(), aws?.stop()]);
  });

  async function ops(...argv: string[]) {
    const stdout = new PassThrough();
    const stderr = new PassThrough();
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    stdout.on('data', (chunk: Buffer) => out.push(chunk));
    stderr.on('data', (chunk: Buffer) => err.push(chunk));
    const code = await runOps(argv, { stdout, stderr, workspaceRoot: root, env: process.env });
    const text = Buffer.concat(out).toString('utf8');
    return { code, stdout: text, json: text ? (JSON.parse(text) as unknown) : undefined, stderr: Buffer.concat(err).toString('utf8') };
  }

  it('lists the environment\'s executions newest first, finding the state machine in SSM', async () => {
    const result = await ops('executions', 'list', '--env', 'dev');
    expect(result.code).toBe(0);
    expect(result.json).toEqual([
      { name: '9f2e', arn: `${ARN}:9f2e`, status: 'SUCCEEDED', startedAt: '2026-12-01T01:00:00.000Z', stoppedAt: '2026-12-01T01:00:02.250Z' },
      { name: '7c1d', arn: `${ARN}:7c1d`, status: 'FAILED', startedAt: '2026-12-01T00:00:00.123Z', stoppedAt: '2026-12-01T00:00:03.500Z', redriveCount: 0 },
    ]);
    expect(endpoint.requests.find((r) => r.target === 'AWSStepFunctions.ListExecutions')?.body).toMatchObject({ maxResults: 20 });
  });

  it('filters by status', async () => {
    const result = await ops('executions', 'list', '--env', 'dev', '--status', 'FAILED', '--max', '5');
    expect(result.json).toEqual([expect.objectContaining({ name: '7c1d', status: 'FAILED' })]);
    expect(endpoint.requests.at(-1)).toEqual({
      target: 'AWSStepFunctions.ListExecutions',
      body: { stateMachineArn: `${ARN.replace(':execution:', ':stateMachine:')}`, statusFilter: 'FAILED', maxResults: 5 },
    });
  });

  it('describes an execution with its input, error and redrive status', async () => {
    const result = await ops('executions', 'describe', `${ARN}:7c1d`, '--env', 'dev');
    expect(result.json).toMatchObject({
      status: 'FAILED',
      error: 'PipelineRunFailed',
      input: { detail: { object: { key: 'raw/day.csv' } } },
      redriveStatus: 'REDRIVABLE',
    });
  });

  it('says in one line that an execution does not exist', async () => {
    const result = await ops('executions', 'describe', `${ARN}:nope`, '--env', 'dev');
    expect(result).toMatchObject({ code: 1, stdout: '', stderr: `error: no execution ${ARN}:nope\n` });
  });

  it('redrives a failed execution, and refuses one that cannot be redriven in one line', async () => {
    expect((await ops('executions', 'redrive', `${ARN}:7c1d`, '--env', 'dev')).json).toEqual({ redriveDate: '2026-12-01T02:00:00.750Z' });
    const refused = await ops('executions', 'redrive', `${ARN}:9f2e`, '--env', 'dev');
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/^error: cannot redrive .*:9f2e: ExecutionNotRedrivable: Execution is SUCCEEDED and cannot be redriven\n$/);
  });

  it('says the environment is not deployed when SSM has no outputs for it', async () => {
    process.env['ENVIRONMENT_SUFFIX'] = 'pr9';
    try {
      const result = await ops('executions', 'list', '--env', 'dev');
      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(/^error: no state-machine-arn, bucket-name, table-name under \/myapp\/dev\/pr9\/outputs in SSM: is the environment deployed/);
    } finally {
      delete process.env['ENVIRONMENT_SUFFIX'];
    }
  });

  it.each([
    [['executions', 'list'], /^error: --env is required/],
    [['executions', 'list', '--env', 'nowhere'], /^error: unknown environment "nowhere"/],
    [['executions', 'list', '--env', 'dev', '--status', 'DONE'], /^error: --status must be one of/],
    [['executions', 'list', '--env', 'dev', '--max', '0'], /^error: --max must be an integer from 1 to 1000/],
    [['executions', 'stop', 'x', '--env', 'dev'], /^error: executions stop: expected list/],
    [['replay', 'raw/day.csv', '--env', 'dev'], /^error: "raw\/day.csv" is not a quarantined source/],
  ])('exits 2 with one line for bad usage: %j', async (argv, message) => {
    const result = await ops(...argv);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
  });

  describe('replay', () => {
    const quarantineKey = 'quarantine/2026/day.csv/v1/source/day.csv';
    const putRun = (status: string, versionId: string) =>
      aws.dynamodb.send(
        new PutItemCommand({
          TableName: TABLE,
          Item: { id: { S: `${BUCKET}/raw/2026/day.csv@${versionId}` }, timestamp: { N: '1796083200000' }, status: { S: status }, failureReason: { S: 'missing_column' } },
        }),
      );

    it('copies the fixed quarantined source back under raw/, where it lands as a new object version', async () => {
      await putRun('FAILED', 'v1');
      await aws.s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: quarantineKey, Body: 'transaction_id,account_id,timestamp,currency,amount,status\n' }));
      const result = await ops('replay', quarantineKey, '--env', 'dev');
      expect(result.code).toBe(0);
      expect(result.json).toMatchObject({ replayedRunId: `${BUCKET}/raw/2026/day.csv@v1`, failureReason: 'missing_column', rawKey: 'raw/2026/day.csv' });
      const copied = await aws.s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: 'raw/2026/day.csv' }));
      expect(await copied.Body!.transformToString()).toBe('transaction_id,account_id,timestamp,currency,amount,status\n');
    });

    it('refuses a source whose run did not fail', async () => {
      await putRun('SUCCEEDED', 'v2');
      const result = await ops('replay', 'quarantine/2026/day.csv/v2/source/day.csv', '--env', 'dev');
      expect(result).toMatchObject({ code: 1, stderr: `error: run ${BUCKET}/raw/2026/day.csv@v2 is SUCCEEDED, not FAILED: nothing to replay\n` });
    });

    it('uses the data contract\'s prefixes', () => {
      expect({ raw: RAW_PREFIX, quarantine: QUARANTINE_PREFIX }).toEqual({ raw: DATA_PREFIXES.raw, quarantine: DATA_PREFIXES.quarantine });
    });
  });
});
