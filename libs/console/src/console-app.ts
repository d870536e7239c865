import type { S3Client } from '@aws-sdk/client-s3';
import type { RunPrefixes } from '@data-platform/lambda-handlers/status';
import { InvalidCursorError, runOutputs, type RunOutputs, type RunsPageResult, type RunView, type StatusQueries } from '@data-platform/lambda-handlers/status';
import { Hono, type Context } from 'hono';
import { secureHeaders } from 'hono/secure-headers';
import type { z } from 'zod';
import { checkHealth, type DependencyCheck } from './health.js';
import { balancesForm, balancesPage } from './pages/balances-page.js';
import { badRequestPage, notFoundPage } from './pages/error-page.js';
import { layout, STYLESHEET, type Html } from './pages/layout.js';
import { runPage, type ObjectUrl } from './pages/run-page.js';
import { runsPage } from './pages/runs-page.js';
import { balanceParams, paramProblems, runParams, runsParams } from './request-params.js';
import { TtlCache } from './ttl-cache.js';

/** How long a page of runs is reused: a new run shows up within this. */
export const RUNS_CACHE_MS = 2_000;
/** How long one run's page data is reused (a run changes only while RUNNING, and then within seconds). */
export const RUN_CACHE_MS = 5_000;
/** /health's deadline per dependency. */
export const HEALTH_TIMEOUT_MS = 2_000;

export interface ConsoleOptions {
  /** The environment's name, in the banner (prod gets the loud one). */
  readonly environment: string;
  /** THE read side shared with the status API (libs/lambda-handlers status-queries.ts). */
  readonly queries: StatusQueries;
  /** Where the runs' outputs are, for the quarantine reports and the object links. */
  readonly outputs: { readonly s3: S3Client; readonly prefixes: RunPrefixes };
  /** What /health checks, each within HEALTH_TIMEOUT_MS. */
  readonly health: readonly DependencyCheck[];
  /** Where links to run objects point. */
  readonly objectUrl: ObjectUrl;
}

/** The pipeline console as a Hono app: runs, a run, an account's balances, /health. */
export function consoleApp(options: ConsoleOptions): Hono {
  const app = new Hono();
  const runPages = new TtlCache<RunsPageResult>(RUNS_CACHE_MS);
  const runDetails = new TtlCache<{ run?: RunView; outputs?: RunOutputs }>(RUN_CACHE_MS);
  const page = (c: Context, title: string, content: Html, status: 200 | 400 | 404 | 503 = 200) =>
    c.html(layout(options.environment, title, content), status);
  const badRequest = (c: Context, problems: string[]) => page(c, 'Bad request', badRequestPage(problems), 400);
  const invalid = (c: Context, error: z.ZodError) => badRequest(c, paramProblems(error));

  app.use(
    secureHeaders({
      contentSecurityPolicy: { defaultSrc: ["'none'"], styleSrc: ["'self'"], imgSrc: ["'self'"], formAction: ["'self'"], frameAncestors: ["'none'"], baseUri: ["'none'"] },
    }),
  );
  app.get('/', (c) => c.redirect('/runs'));
  app.get('/static/console.css', (c) => c.body(STYLESHEET, 200, { 'content-type': 'text/css; charset=utf-8', 'cache-control': 'max-age=300' }));

  app.get('/runs', async (c) => {
    const params = runsParams.safeParse(c.req.query());
    if (!params.success) return invalid(c, params.error);
    const { limit, cursor } = params.data;
    try {
      const runs = await runPages.get(`${limit}/${cursor ?? ''}`, () => options.queries.listRuns({ limit, ...(cursor ? { cursor } : {}) }));
      return page(c, 'Runs', runsPage(runs, limit));
    } catch (error) {
      if (error instanceof InvalidCursorError) return badRequest(c, [`cursor: ${error.message}`]);
      throw error;
    }
  });

  app.get('/run', async (c) => {
    const params = runParams.safeParse(c.req.query());
    if (!params.success) return invalid(c, params.error);
    const { run, outputs } = await runDetails.get(params.data.id, async () => {
      const found = await options.queries.getRun(params.data.id);
      return found ? { run: found, outputs: await runOutputs(options.outputs.s3, options.outputs.prefixes, found) } : {};
    });
    if (!run || !outputs) return page(c, 'Run not found', notFoundPage(`No run with id ${params.data.id}.`), 404);
    return page(c, `Run of ${run.source.key}`, runPage(run, outputs, options.objectUrl));
  });

  app.get('/balances', async (c) => {
    const query = c.req.query();
    if (Object.keys(query).length === 0) return page(c, 'Balances', balancesForm());
    const params = balanceParams.safeParse(query);
    if (!params.success) return invalid(c, params.error);
    const range = { accountId: params.data.account, from: params.data.from, to: params.data.to };
    const days = await options.queries.accountBalances(range.accountId, range.from, range.to);
    return page(c, `Balances of ${range.accountId}`, balancesPage(range, days));
  });

  app.get('/health', async (c) => {
    const report = await checkHealth(options.health, HEALTH_TIMEOUT_MS);
    return c.json(report, report.status === 'ok' ? 200 : 503, { 'cache-control': 'no-store' });
  });

  app.notFound((c) => page(c, 'Not found', notFoundPage(`Nothing at ${c.req.path}.`), 404));
  app.onError((error, c) => {
    // One line to the log; the person gets a page, never a stack trace.
    console.error(`console: ${c.req.method} ${c.req.path}: ${error.message.split('\n')[0]}`);
    return page(c, 'Something failed', notFoundPage('The console could not read the pipeline stores just now. Try again in a moment.'), 503);
  });
  return app;
}
