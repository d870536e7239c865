import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { SqlSession } from '@data-platform/lambda-handlers/database';
import { statusQueries, type StatusQueries } from '@data-platform/lambda-handlers/status';
import { createServer, type Server } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consoleApp, consoleDependencies, HEALTH_TIMEOUT_MS } from '../src/index.js';
import { PREFIXES, startRunStore, TABLE, type RunStoreFixture } from './run-store-fixture.js';

let fixture: RunStoreFixture;
let silent: Server;
let silentPort: number;

beforeAll(async () => {
  fixture = await startRunStore();
  // Accepts connections and never answers: a hung dependency.
  silent = createServer(() => undefined);
  await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
  silentPort = (silent.address() as { port: number }).port;
});
afterAll(async () => {
  await fixture?.stop();
  silent?.close();
});

const health = async (queries: StatusQueries, database: () => Promise<SqlSession> = async () => fixture.db) => {
  const app = consoleApp({
    environment: 'dev',
    queries,
    outputs: { s3: fixture.aws.s3, prefixes: PREFIXES },
    health: consoleDependencies(queries, database),
    objectUrl: () => '#',
  });
  const response = await app.request('/health');
  return { status: response.status, body: (await response.json()) as { status: string; checks: Record<string, string> } };
};

describe('GET /health', () => {
  it('is 200 when the run store and the database answer', async () => {
    expect(await health(fixture.queries)).toEqual({ status: 200, body: { status: 'ok', checks: { runStore: 'ok', database: 'ok' } } });
  });

  it(`is 503 naming the dependency that does not answer within ${HEALTH_TIMEOUT_MS} ms`, async () => {
    const hung = DynamoDBDocumentClient.from(
      new DynamoDBClient({ endpoint: `http://127.0.0.1:${silentPort}`, region: 'us-east-1', credentials: { accessKeyId: 'x', secretAccessKey: 'x' }, maxAttempts: 1 }),
    );
    const { status, body } = await health(statusQueries({ dynamo: hung, tableName: TABLE, database: async () => fixture.db }));
    expect(status).toBe(503);
    expect(body.status).toBe('failing');
    expect(body.checks['runStore']).not.toBe('ok');
  });

  it('is 503 when the database check fails, with its reason', async () => {
    const { status, body } = await health(fixture.queries, async () => {
      throw new Error('password authentication failed');
    });
    expect(status).toBe(503);
    expect(body.checks).toEqual({ runStore: 'ok', database: 'password authentication failed' });
  });
});
