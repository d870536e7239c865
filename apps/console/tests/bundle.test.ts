import { CreateTableCommand } from '@aws-sdk/client-dynamodb';
import { LocalAws, localAwsEnvironment, LocalDatabase } from '@data-platform/local-aws';
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// The container's process without the container: the bundle the Dockerfile copies, started the way
// ECS starts it (environment from the task definition), against the local emulators and PGlite.
const bundle = join(import.meta.dirname, '..', '..', '..', 'dist', 'apps', 'console', 'server.mjs');
const TABLE = 'table-test-pipeline-metadata-ci1';

let aws: LocalAws;
let database: LocalDatabase;
let server: ChildProcess;
let url: string;

beforeAll(async () => {
  [aws, database] = await Promise.all([LocalAws.start({ region: 'us-east-1' }), LocalDatabase.start()]);
  await aws.dynamodb.send(
    new CreateTableCommand({
      TableName: TABLE,
      BillingMode: 'PAY_PER_REQUEST',
      KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }, { AttributeName: 'timestamp', KeyType: 'RANGE' }],
      AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }, { AttributeName: 'timestamp', AttributeType: 'N' }, { AttributeName: 'status', AttributeType: 'S' }],
      GlobalSecondaryIndexes: [{ IndexName: 'runs-by-status', KeySchema: [{ AttributeName: 'status', KeyType: 'HASH' }, { AttributeName: 'timestamp', KeyType: 'RANGE' }], Projection: { ProjectionType: 'ALL' } }],
    }),
  );
  const port = 18_000 + Math.floor(Math.random() * 2000);
  server = spawn(process.execPath, [bundle], {
    env: {
      PATH: process.env['PATH'] ?? '',
      ...localAwsEnvironment(aws.endpoints, 'us-east-1'),
      PORT: String(port),
      CONSOLE_ENVIRONMENT: 'staging',
      TABLE_NAME: TABLE,
      RAW_PREFIX: 'raw/',
      PROCESSED_PREFIX: 'processed/',
      QUARANTINE_PREFIX: 'quarantine/',
      ...database.environment('reader'),
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const [line] = (await once(server.stdout!, 'data')) as [Buffer];
  expect(line.toString()).toContain(`listening on port ${port}`);
  url = `http://127.0.0.1:${port}`;
});
afterAll(async () => {
  server?.kill('SIGTERM');
  await Promise.all([aws?.stop(), database?.stop()]);
});

describe('the bundled console (what the image runs)', () => {
  it('is one self-contained file of modest size', () => {
    expect(statSync(bundle).size).toBeLessThan(3 * 1024 * 1024);
  });

  it('answers /health from its dependencies and serves the runs page', async () => {
    const health = await fetch(`${url}/health`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: 'ok', checks: { runStore: 'ok', database: 'ok' } });
    const runs = await fetch(`${url}/runs`);
    expect(runs.status).toBe(200);
    const body = await runs.text();
    expect(body).toContain('environment: staging');
    expect(body).toContain('No runs yet');
  });

  it('exits on SIGTERM once the requests in flight are done', async () => {
    server.kill('SIGTERM');
    const [code] = (await once(server, 'exit')) as [number];
    expect(code).toBe(0);
  });

  it('refuses to start on a bad environment, in one line', async () => {
    const bad = spawn(process.execPath, [bundle], { env: { PATH: process.env['PATH'] ?? '', PORT: 'eighty' }, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    bad.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const [code] = (await once(bad, 'exit')) as [number];
    expect(code).toBe(1);
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stderr).toMatch(/^console: bad environment: PORT: .*CONSOLE_ENVIRONMENT: /);
  });
});
