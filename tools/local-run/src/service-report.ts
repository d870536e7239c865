import { AGGREGATES_TABLE, countVersionRows } from '@data-platform/lambda-handlers/database';
import type { LocalDatabase } from '@data-platform/local-aws';
import type { LocalFunction } from './lambda/local-function.js';

/** `database` of the `--json` document: the load step's table and this run's rows, read back by query. */
export interface DatabaseReport {
  readonly table: string;
  readonly rows: number;
}

/** `api` of the `--json` document: the status API's answer to GET /runs/{this run}. */
export interface ApiReport {
  readonly statusCode: number;
  readonly body: unknown;
}

/** Rows the database holds for the run's object version (the same query the tests use). */
export async function databaseReport(database: LocalDatabase, source: { bucket: string; key: string; versionId: string }): Promise<DatabaseReport> {
  return { table: AGGREGATES_TABLE, rows: await countVersionRows(database.db, source) };
}

/** An API Gateway HTTP API (payload 2.0) event, as an IAM-authorized GET reaches the function. */
export function apiGatewayEvent(stage: string, routeKey: string, rawPath: string, pathParameters: Record<string, string>) {
  const now = new Date();
  return {
    version: '2.0',
    routeKey,
    rawPath: `/${stage}${rawPath}`,
    rawQueryString: '',
    headers: { host: 'local.execute-api.localhost', 'content-length': '0' },
    pathParameters,
    isBase64Encoded: false,
    requestContext: {
      accountId: '000000000000',
      apiId: 'local',
      domainName: 'local.execute-api.localhost',
      domainPrefix: 'local',
      http: { method: 'GET', path: `/${stage}${rawPath}`, protocol: 'HTTP/1.1', sourceIp: '127.0.0.1', userAgent: 'local-run' },
      requestId: `local-${now.getTime()}`,
      routeKey,
      stage,
      time: now.toUTCString(),
      timeEpoch: now.getTime(),
      authorizer: { iam: { accountId: '000000000000', callerId: 'local-run', userArn: 'arn:aws:iam::000000000000:user/local-run' } },
    },
  };
}

/** Calls the real status function for GET /runs/{id}, as API Gateway would. */
export async function apiReport(fn: LocalFunction, stage: string, runId: string): Promise<ApiReport> {
  const outcome = await fn.invoke(apiGatewayEvent(stage, 'GET /runs/{id}', `/runs/${encodeURIComponent(runId)}`, { id: runId }));
  if (!outcome.ok) throw new Error(`the status API function failed: ${outcome.error.errorType}: ${outcome.error.errorMessage}`);
  const response = outcome.payload as { statusCode: number; body?: string };
  return { statusCode: response.statusCode, body: response.body === undefined ? null : (JSON.parse(response.body) as unknown) };
}
