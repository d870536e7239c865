import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { LocalAws } from '@data-platform/local-aws';
import type { RunStore } from '@data-platform/lambda-handlers/queries';
import { createServer, type Server } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consoleApp, HEALTH_TIMEOUT_MS } from '../src/index.js';
import { startRunStore } from './run-store-fixture.js';

let aws: LocalAws;
let store: RunStore;
let silent: Server;
let silentPort: number;

beforeAll(async () => {
  ({ aws, store } = await startRunStore());
  // Accepts connections and never answers: a hung dependency.
  silent = createServer(() => undefined);
  await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
  silentPort = (silent.address() as { port: number }).port;
});
afterAll(async () => {
  await aws?.stop();
  silent?.close();
});

const health = async (runStore: RunStore, balancesCheck?: () => Promise<void>) => {
  const app = consoleApp({
    environment: 'dev',
    runStore,
    objectUrl: () => '#',
    ...(balancesCheck ? { balances: { accountBalances: async () => [], check: balancesCheck } } : {}),
  });
  const response = await app.request('/health');
  return { status: response.status, body: (await response.json()) as { status: string; checks: Record<string, string> } };
};

describe('GET /health', () => {
  it('is 200 when the run store (and the database, when connected) answer', async () => {
    expect(await health(store, async () => undefined)).toEqual({ status: 200, body: { status: 'ok', checks: { runStore: 'ok', database: 'ok' } } });
  });

  it(`is 503 naming the dependency that does not answer within ${HEALTH_TIMEOUT_MS} ms`, async () => {
    const hung = DynamoDBDocumentClient.from(
      new DynamoDBClient({ endpoint: `http://127.0.0.1:${silentPort}`, region: 'us-east-1', credentials: { accessKeyId: 'x', secretAccessKey: 'x' }, maxAttempts: 1 }),
    );
    const { status, body } = await health({ ...store, dynamo: hung });
    expect(status).toBe(503);
    expect(body.status).toBe('failing');
    expect(body.checks['runStore']).not.toBe('ok');
  });

  it('is 503 when the database check fails, with its reason', async () => {
    const { status, body } = await health(store, async () => {
      throw new Error('password authentication failed');
    });
    expect(status).toBe(503);
    expect(body.checks).toEqual({ runStore: 'ok', database: 'password authentication failed' });
  });
});
