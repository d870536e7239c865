import { DescribeTableCommand, DynamoDBClient, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { GetObjectCommand, ListObjectsV2Command, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  dumpLocalAws,
  dynamodbClientConfig,
  listKeys,
  LocalAws,
  provisionFromStack,
  s3ClientConfig,
  pipelineStackFixture,
} from '../src/index.js';

const BUCKET = 'myapp-test-data-local';
const TABLE = 'table-test-pipeline-metadata-local';
/** Provisioned capacity and a customer-managed key: settings provisioning must carry over (capacity) or pass by (encryption). */
const stack = pipelineStackFixture({
  bucket: BUCKET,
  table: TABLE,
  tableConfig: {
    billing_mode: 'PROVISIONED',
    read_capacity: 10,
    write_capacity: 10,
    server_side_encryption: { enabled: true, kms_key_arn: '${aws_kms_key.key.arn}' },
  },
  indexConfig: { read_capacity: 10, write_capacity: 10 },
});

/** True when nothing listens on the port any more. */
async function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = createServer()
      .once('error', () => resolve(false))
      .listen(port, '127.0.0.1', () => probe.close(() => resolve(true)));
  });
}

describe('LocalAws', () => {
  let aws: LocalAws;
  let outDir: string;

  beforeAll(async () => {
    aws = await LocalAws.start({ region: 'us-east-1' });
    await provisionFromStack(aws, stack);
    outDir = await mkdtemp(join(tmpdir(), 'local-aws-test-'));
  });

  afterAll(async () => {
    await aws?.stop();
    if (outDir) await rm(outDir, { recursive: true, force: true });
  });

  it('listens on loopback ports chosen at start', () => {
    expect(aws.endpoints.s3).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(aws.endpoints.dynamodb).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(aws.endpoints.s3).not.toBe(aws.endpoints.dynamodb);
  });

  it('creates the table with the keys, attribute types, GSI and billing of the synthesized resource', async () => {
    const { Table } = await aws.dynamodb.send(new DescribeTableCommand({ TableName: TABLE }));
    expect(Table?.KeySchema).toEqual([
      { AttributeName: 'id', KeyType: 'HASH' },
      { AttributeName: 'timestamp', KeyType: 'RANGE' },
    ]);
    expect(Table?.AttributeDefinitions).toEqual(
      expect.arrayContaining([
        { AttributeName: 'id', AttributeType: 'S' },
        { AttributeName: 'timestamp', AttributeType: 'N' },
        { AttributeName: 'status', AttributeType: 'S' },
      ]),
    );
    expect(Table?.GlobalSecondaryIndexes?.map((index) => [index.IndexName, index.KeySchema?.map((key) => key.AttributeName)])).toEqual([
      ['runs-by-status', ['status', 'timestamp']],
    ]);
    expect(Table?.ProvisionedThroughput).toMatchObject({ ReadCapacityUnits: 10, WriteCapacityUnits: 10 });
  });

  it('gives handlers the endpoints, path-style flag, checksum mode, dummy credentials and region', () => {
    expect(aws.environment()).toMatchObject({
      AWS_ENDPOINT_URL_S3: aws.endpoints.s3,
      AWS_ENDPOINT_URL_DYNAMODB: aws.endpoints.dynamodb,
      S3_FORCE_PATH_STYLE: 'true',
      AWS_REQUEST_CHECKSUM_CALCULATION: 'WHEN_REQUIRED',
      AWS_RESPONSE_CHECKSUM_VALIDATION: 'WHEN_REQUIRED',
      AWS_ACCESS_KEY_ID: 'S3RVER',
      AWS_REGION: 'us-east-1',
    });
  });

  it('pages S3 listings with continuation tokens (s3rver needs the legacy OpenSSL provider for them)', async () => {
    for (const n of [1, 2, 3]) await aws.s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: `paging/${n}.txt`, Body: `${n}` }));
    const first = await aws.s3.send(new ListObjectsV2Command({ Bucket: BUCKET, Prefix: 'paging/', MaxKeys: 2 }));
    expect(first.IsTruncated).toBe(true);
    const second = await aws.s3.send(
      new ListObjectsV2Command({ Bucket: BUCKET, Prefix: 'paging/', MaxKeys: 2, ContinuationToken: first.NextContinuationToken }),
    );
    expect(second.Contents?.map((object) => object.Key)).toEqual(['paging/3.txt']);
    expect(await listKeys(aws, BUCKET, 'paging/')).toEqual(['paging/1.txt', 'paging/2.txt', 'paging/3.txt']);
  });

  describe('fault injection', () => {
    it('fails the next S3 request with a 503 SlowDown the SDK sees', async () => {
      await aws.s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: 'faults/a.txt', Body: 'a' }));
      const noRetry = new S3Client({ ...s3ClientConfig(aws.endpoints, aws.region), maxAttempts: 1 });
      await aws.injectFault({ service: 's3', operation: 'GetObject', keyPrefix: 'faults/' });
      await expect(noRetry.send(new GetObjectCommand({ Bucket: BUCKET, Key: 'faults/a.txt' }))).rejects.toMatchObject({
        name: 'SlowDown',
        $metadata: { httpStatusCode: 503 },
      });
      const object = await noRetry.send(new GetObjectCommand({ Bucket: BUCKET, Key: 'faults/a.txt' }));
      expect(await object.Body?.transformToString()).toBe('a');
      noRetry.destroy();
    });

    it('lets the SDK retry absorb fewer faults than its attempts', async () => {
      await aws.injectFault({ service: 's3', operation: 'PutObject', count: 2, kind: 'internal' });
      const before = (await aws.stats()).injected.length;
      const put = await aws.s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: 'faults/b.txt', Body: 'b' }));
      expect(put.$metadata.attempts).toBe(3);
      const { injected } = await aws.stats();
      expect(injected.slice(before)).toEqual([
        { service: 's3', operation: 'PutObject', key: 'faults/b.txt', status: 500, code: 'InternalError' },
        { service: 's3', operation: 'PutObject', key: 'faults/b.txt', status: 500, code: 'InternalError' },
      ]);
    });

    it('fails DynamoDB requests with ThrottlingException after letting `after` of them through', async () => {
      const noRetry = new DynamoDBClient({ ...dynamodbClientConfig(aws.endpoints, aws.region), maxAttempts: 1 });
      const put = (id: string) =>
        noRetry.send(new PutItemCommand({ TableName: TABLE, Item: { id: { S: id }, timestamp: { N: '1' }, status: { S: 'RUNNING' } } }));
      await aws.injectFault({ service: 'dynamodb', operation: 'PutItem', after: 1 });
      await put('first');
      await expect(put('second')).rejects.toMatchObject({ name: 'ThrottlingException', $metadata: { httpStatusCode: 400 } });
      await put('third');
      expect((await aws.stats()).pending).toEqual([]);
      noRetry.destroy();
    });
  });

  it('dumps every object to s3/<key> and every item to dynamodb/<table>.jsonl', async () => {
    await aws.s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: 'raw/nested/file.csv', Body: 'a,b\n' }));
    const result = await dumpLocalAws(aws, outDir, { bucket: BUCKET, tables: [TABLE] });
    expect(await readFile(join(outDir, 's3/raw/nested/file.csv'), 'utf8')).toBe('a,b\n');
    expect(result.objects).toContain(join(outDir, 's3/raw/nested/file.csv'));
    const lines = (await readFile(join(outDir, 'dynamodb', `${TABLE}.jsonl`), 'utf8')).trim().split('\n');
    expect(lines.map((line) => JSON.parse(line))).toEqual([
      { id: 'first', status: 'RUNNING', timestamp: 1 },
      { id: 'third', status: 'RUNNING', timestamp: 1 },
    ]);
  });

  it('frees its ports when stopped', async () => {
    const other = await LocalAws.start({ region: 'eu-west-1' });
    const ports = [other.endpoints.s3, other.endpoints.dynamodb].map((url) => Number(new URL(url).port));
    await other.stop();
    await other.stop();
    expect(await Promise.all(ports.map(portIsFree))).toEqual([true, true]);
  });
});
