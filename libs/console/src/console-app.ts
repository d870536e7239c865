import { checkRunStore, getRun, InvalidCursorError, listRuns, type AccountBalanceQueries, type RunDetail, type RunPage, type RunStore } from '@data-platform/lambda-handlers/queries';
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

/** How long a page of runs is reused: new runs show up within this. */
export const RUNS_CACHE_MS = 2_000;
/** How long one run's detail is reused (a run changes only while RUNNING, and then within seconds). */
export const RUN_CACHE_MS = 5_000;
/** /health's deadline per dependency. */
export const HEALTH_TIMEOUT_MS = 2_000;

export interface ConsoleOptions {
  /** The environment's name, in the banner (prod gets the loud one). */
  readonly environment: string;
  readonly runStore: RunStore;
  /** The daily balances (issue 14's database); without it the balances page says it is not connected. */
  readonly balances?: AccountBalanceQueries;
  /** Where links to run objects point. */
  readonly objectUrl: ObjectUrl;
}

/** The pipeline console as a Hono app: runs, a run, an account's balances, /health. */
export function consoleApp(options: ConsoleOptions): Hono {
  const app = new Hono();
  const runPages = new TtlCache<RunPage>(RUNS_CACHE_MS);
  const runDetails = new TtlCache<{ detail?: RunDetail }>(RUN_CACHE_MS);
  const page = (c: Context, title: string, content: Html, status: 200 | 400 | 404 | 503 = 200) =>
    c.html(layout(options.environment, title, content), status);
  const badRequest = (c: Context, error: z.ZodError | InvalidCursorError) =>
    page(c, 'Bad request', badRequestPage(error instanceof InvalidCursorError ? [`cursor: ${error.message}`] : paramProblems(error)), 400);

  app.use(
    secureHeaders({
      contentSecurityPolicy: { defaultSrc: ["'none'"], styleSrc: ["'self'"], imgSrc: ["'self'"], formAction: ["'self'"], frameAncestors: ["'none'"], baseUri: ["'none'"] },
    }),
  );
  app.get('/', (c) => c.redirect('/runs'));
  app.get('/static/console.css', (c) => c.body(STYLESHEET, 200, { 'content-type': 'text/css; charset=utf-8', 'cache-control': 'max-age=300' }));

  app.get('/runs', async (c) => {
    const params = runsParams.safeParse(c.req.query());
    if (!params.success) return badRequest(c, params.error);
    const { limit, cursor } = params.data;
    try {
      const runs = await runPages.get(`${limit}/${cursor ?? ''}`, () => listRuns(options.runStore, { limit, ...(cursor ? { cursor } : {}) }));
      return page(c, 'Runs', runsPage(runs, limit));
    } catch (error) {
      if (error instanceof InvalidCursorError) return badRequest(c, error);
      throw error;
    }
  });

  app.get('/run', async (c) => {
    const params = runParams.safeParse(c.req.query());
    if (!params.success) return badRequest(c, params.error);
    const { detail } = await runDetails.get(params.data.id, async () => ({ detail: await getRun(options.runStore, params.data.id) }));
    if (!detail) return page(c, 'Run not found', notFoundPage(`No run with id ${params.data.id}.`), 404);
    return page(c, `Run of ${detail.run.key}`, runPage(detail, options.objectUrl));
  });

  app.get('/balances', async (c) => {
    const query = c.req.query();
    if (Object.keys(query).length === 0) return page(c, 'Balances', balancesForm());
    const params = balanceParams.safeParse(query);
    if (!params.success) return badRequest(c, params.error);
    const range = { accountId: params.data.account, from: params.data.from, to: params.data.to };
    if (!options.balances) return page(c, 'Balances', notFoundPage('The balances database is not connected to this console.'), 503);
    const days = await options.balances.accountBalances(range);
    return page(c, `Balances of ${range.accountId}`, balancesPage(range, days));
  });

  app.get('/health', async (c) => {
    const checks: DependencyCheck[] = [
      { name: 'runStore', check: (signal) => checkRunStore(options.runStore, signal) },
      ...(options.balances ? [{ name: 'database', check: (signal: AbortSignal) => options.balances!.check(signal) }] : []),
    ];
    const report = await checkHealth(checks, HEALTH_TIMEOUT_MS);
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
