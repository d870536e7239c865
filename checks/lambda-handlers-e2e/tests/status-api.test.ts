import { LocalDatabase } from '@data-platform/local-aws';
import type { LoadEvent, LoadResult } from '@data-platform/lambda-handlers/handlers/load-aggregates';
import type { MigrateResult } from '@data-platform/lambda-handlers/handlers/migrate-database';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lambdaContext, startLocalPipeline, type LocalPipeline } from './pipeline-harness.js';

const CSV = [
  'transaction_id,account_id,timestamp,currency,amount,status',
  'T1,A1,2024-05-01T10:00:00Z,USD,10.50,settled',
  'T2,A1,2024-05-01T11:00:00Z,USD,-0.50,pending',
  'T3,A1,2024-05-02T09:00:00Z,USD,2.00,reversed',
  'T4,A2,2024-05-01T11:00:00Z,GBP,3.00,settled',
  '',
].join('\n');

type Handler<E, R> = (event: E, context: ReturnType<typeof lambdaContext>) => Promise<R>;

/** An HTTP API (payload 2.0) event as API Gateway sends it for an IAM-authorized route. */
function apiEvent(routeKey: string, pathParameters?: Record<string, string>, queryStringParameters?: Record<string, string>): APIGatewayProxyEventV2 {
  return {
    version: '2.0',
    routeKey,
    rawPath: routeKey.split(' ')[1]!,
    rawQueryString: new URLSearchParams(queryStringParameters).toString(),
    headers: {},
    ...(pathParameters ? { pathParameters } : {}),
    ...(queryStringParameters ? { queryStringParameters } : {}),
    isBase64Encoded: false,
    requestContext: { requestId: 'req-1', routeKey, stage: 'e2e', http: { method: 'GET' } } as APIGatewayProxyEventV2['requestContext'],
  };
}

describe('load step and status API against the emulators and PGlite', () => {
  let pipeline: LocalPipeline;
  let database: LocalDatabase;
  let load: Handler<LoadEvent, LoadResult>;
  let api: Handler<APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2>;
  let runId: string;
  let loadEvent: LoadEvent;

  const call = async (event: APIGatewayProxyEventV2) => {
    const response = await api(event, lambdaContext('status-api'));
    return { statusCode: response.statusCode, contentType: response.headers?.['content-type'], body: JSON.parse(response.body ?? 'null') };
  };
  const rowsInDatabase = async () => Number((await database.db.query<{ n: number }>('SELECT count(*)::int AS n FROM daily_aggregates')).rows[0]!.n);

  beforeAll(async () => {
    [pipeline, database] = await Promise.all([startLocalPipeline(), LocalDatabase.start()]);
    Object.assign(process.env, database.environment('loader'));
    const migrate = (await import('@data-platform/lambda-handlers/handlers/migrate-database')).handler as Handler<Record<string, never>, MigrateResult>;
    expect((await migrate({}, lambdaContext('migrate'))).applied).toHaveLength(2);
    load = (await import('@data-platform/lambda-handlers/handlers/load-aggregates')).handler;
    api = (await import('@data-platform/lambda-handlers/handlers/status-api')).handler as typeof api;

    const validated = await pipeline.validate(await pipeline.put('raw/day.csv', CSV), lambdaContext('validate'));
    const transformed = await pipeline.transform({ run: validated }, lambdaContext('transform'));
    runId = validated.runId;
    loadEvent = { run: validated, summaryKey: transformed.outputs.summary };
    await pipeline.recordSucceeded(validated, { total: 4, valid: 4, quarantined: 0 });
  });

  afterAll(async () => {
    await Promise.all([pipeline?.aws.stop(), database?.stop()]);
  });

  it('loads the run summary aggregates, and a replay of the version leaves the row count as it was', async () => {
    expect(await load(loadEvent, lambdaContext('load'))).toMatchObject({ table: 'daily_aggregates', rows: 3 });
    expect(await load(loadEvent, lambdaContext('load'))).toMatchObject({ rows: 3 });
    expect(await rowsInDatabase()).toBe(3);
  });

  it('GET /runs lists runs newest first and filters by status', async () => {
    const all = await call(apiEvent('GET /runs'));
    expect(all.statusCode).toBe(200);
    expect(all.body.runs.map((r: { id: string }) => r.id)).toEqual([runId]);
    expect(all.body.nextCursor).toBeNull();
    expect((await call(apiEvent('GET /runs', undefined, { status: 'FAILED' }))).body.runs).toEqual([]);
  });

  it('GET /runs/{id} answers the run, and 404 with a problem for an unknown one', async () => {
    const found = await call(apiEvent('GET /runs/{id}', { id: runId }));
    expect(found.statusCode).toBe(200);
    expect(found.body).toMatchObject({ id: runId, status: 'SUCCEEDED', source: { key: 'raw/day.csv' }, records: { total: 4, valid: 4, quarantined: 0 } });
    const missing = await call(apiEvent('GET /runs/{id}', { id: 'nope' }));
    expect(missing).toMatchObject({ statusCode: 404, contentType: 'application/problem+json', body: { status: 404, detail: 'no run with id nope' } });
  });

  it('GET /accounts/{id}/balances answers exact daily sums from the database', async () => {
    const response = await call(apiEvent('GET /accounts/{id}/balances', { id: 'A1' }, { from: '2024-05-01', to: '2024-05-31' }));
    expect(response.statusCode).toBe(200);
    expect(response.body.balances).toEqual([
      { date: '2024-05-01', currency: 'USD', transactionCount: 2, settledMinor: '1050', pendingMinor: '-50', reversedMinor: '0' },
      { date: '2024-05-02', currency: 'USD', transactionCount: 1, settledMinor: '0', pendingMinor: '0', reversedMinor: '200' },
    ]);
  });

  it.each([
    ['GET /runs', undefined, { limit: '0' }, 'limit'],
    ['GET /runs', undefined, { limit: 'ten' }, 'limit'],
    ['GET /runs', undefined, { status: 'DONE' }, 'status'],
    ['GET /runs', undefined, { cursor: 'not-a-cursor' }, 'cursor'],
    ['GET /runs', undefined, { sort: 'asc' }, 'sort'],
    ['GET /accounts/{id}/balances', { id: 'A1' }, { from: '2024-02-30', to: '2024-03-01' }, 'from'],
    ['GET /accounts/{id}/balances', { id: 'A1' }, { from: '2024-05-02', to: '2024-05-01' }, 'to'],
    ['GET /accounts/{id}/balances', { id: 'A1' }, { to: '2024-05-01' }, 'from'],
    ['GET /accounts/{id}/balances', { id: 'A1' }, { from: '2020-01-01', to: '2024-05-01' }, 'to'],
  ])('%s with %j %j is a 400 problem naming %s', async (route, path, query, parameter) => {
    const response = await call(apiEvent(route, path, query));
    expect(response.statusCode).toBe(400);
    expect(response.contentType).toBe('application/problem+json');
    expect(response.body['invalid-params'].map((p: { name: string }) => p.name)).toContain(parameter);
    expect(response.body.detail).toContain(parameter);
  });

  it('an unknown route is a 404 problem', async () => {
    expect(await call(apiEvent('GET /nothing'))).toMatchObject({ statusCode: 404, contentType: 'application/problem+json' });
  });
});
