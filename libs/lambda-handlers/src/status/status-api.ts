// zod/mini: the same schemas at a twentieth of the bundle (the full build would take the handler past its 100 KB budget).
import * as z from 'zod/mini';
import { RUN_STATUSES } from './run-view.js';
import { InvalidCursorError } from './runs-cursor.js';
import type { StatusQueries } from './status-queries.js';

/** What the API reads of a request (API Gateway HTTP API payload 2.0 carries these fields). */
export interface ApiRequest {
  /** `GET /runs`, `GET /runs/{id}` or `GET /accounts/{id}/balances`. */
  readonly routeKey: string;
  readonly pathParameters?: Readonly<Record<string, string | undefined>>;
  readonly queryStringParameters?: Readonly<Record<string, string | undefined>>;
}

export interface ApiResponse {
  readonly statusCode: number;
  readonly headers: Record<string, string>;
  readonly body: string;
}

/** One bad parameter, as RFC 9457's `invalid-params` extension lists it. */
interface InvalidParam {
  readonly name: string;
  readonly reason: string;
}

const json = (statusCode: number, body: unknown): ApiResponse => ({ statusCode, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

/** RFC 9457 problem details. */
const problem = (status: number, title: string, detail: string, invalidParams?: InvalidParam[]): ApiResponse => ({
  statusCode: status,
  headers: { 'content-type': 'application/problem+json' },
  body: JSON.stringify({ type: 'about:blank', title, status, detail, ...(invalidParams ? { 'invalid-params': invalidParams } : {}) }),
});

/** A calendar date, checked for real (2026-02-30 is not one). */
const isoDate = z.string().check(
  z.regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date YYYY-MM-DD'),
  z.refine((value: string) => !Number.isNaN(Date.parse(value)) && new Date(`${value}T00:00:00Z`).toISOString().startsWith(value), 'must be a real calendar date'),
);

const LIMIT_RULE = 'must be an integer from 1 to 100';
const runsQuery = z.strictObject({
  limit: z._default(z.coerce.number({ error: LIMIT_RULE }).check(z.int(LIMIT_RULE), z.minimum(1, LIMIT_RULE), z.maximum(100, LIMIT_RULE)), 20),
  status: z.optional(z.enum(RUN_STATUSES, { error: `must be one of ${RUN_STATUSES.join(', ')}` })),
  cursor: z.optional(z.string().check(z.minLength(1, 'must not be empty'))),
});

/** The widest balance range one request may ask for. */
export const MAX_BALANCE_DAYS = 366;

const balancesQuery = z.strictObject({ from: isoDate, to: isoDate }).check(
  z.refine((q) => q.from <= q.to, { message: 'must not be before from', path: ['to'] }),
  z.refine((q) => (Date.parse(q.to) - Date.parse(q.from)) / 86_400_000 < MAX_BALANCE_DAYS, { message: `must be within ${MAX_BALANCE_DAYS} days of from`, path: ['to'] }),
);

const pathId = z.string().check(z.minLength(1), z.maxLength(1100));

type Parsed<T> = { ok: true; value: T } | { ok: false; response: ApiResponse };

/** Validates one source of input; a failure names every bad parameter (unknown ones included). */
function parse<T>(schema: z.ZodMiniType<T>, input: unknown): Parsed<T> {
  const result = schema.safeParse(input ?? {});
  if (result.success) return { ok: true, value: result.data };
  const invalid = result.error.issues.map((issue) =>
    issue.code === 'unrecognized_keys'
      ? { name: issue.keys.join(', '), reason: 'is not a parameter of this route' }
      : { name: String(issue.path[0] ?? 'request'), reason: issue.message },
  );
  return { ok: false, response: problem(400, 'Bad request', invalid.map((p) => `${p.name} ${p.reason}`).join('; '), invalid) };
}

/**
 * The status API (SPEC §3.4), as a pure function of the request and the shared queries:
 *   GET /runs                                   newest first, `limit`, `status`, `cursor`
 *   GET /runs/{id}                              404 for an unknown run
 *   GET /accounts/{id}/balances?from=&to=       daily balances from the database
 * Bad input gets 400 with `application/problem+json` naming the parameter.
 */
export async function handleStatusRequest(request: ApiRequest, queries: StatusQueries): Promise<ApiResponse> {
  switch (request.routeKey) {
    case 'GET /runs': {
      const query = parse(runsQuery, request.queryStringParameters);
      if (!query.ok) return query.response;
      try {
        return json(200, await queries.listRuns(query.value));
      } catch (error) {
        if (error instanceof InvalidCursorError) return problem(400, 'Bad request', error.message, [{ name: 'cursor', reason: 'is not one this API returned as nextCursor' }]);
        throw error;
      }
    }
    case 'GET /runs/{id}': {
      const id = parse(pathId, request.pathParameters?.['id']);
      if (!id.ok) return problem(400, 'Bad request', 'id must be a run id', [{ name: 'id', reason: 'must be a run id' }]);
      const run = await queries.getRun(id.value);
      return run ? json(200, run) : problem(404, 'Not found', `no run with id ${id.value}`);
    }
    case 'GET /accounts/{id}/balances': {
      const account = parse(pathId, request.pathParameters?.['id']);
      if (!account.ok) return problem(400, 'Bad request', 'id must be an account id', [{ name: 'id', reason: 'must be an account id' }]);
      const query = parse(balancesQuery, request.queryStringParameters);
      if (!query.ok) return query.response;
      const balances = await queries.accountBalances(account.value, query.value.from, query.value.to);
      return json(200, { accountId: account.value, from: query.value.from, to: query.value.to, balances });
    }
    default:
      return problem(404, 'Not found', `no route ${request.routeKey}`);
  }
}
