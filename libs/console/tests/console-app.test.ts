import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consoleApp } from '../src/index.js';
import { HOSTILE, newestReportKey, PREFIXES, REPORT_LINES, RUN_COUNT, runIdOf, startRunStore, type RunStoreFixture } from './run-store-fixture.js';

const objectUrl = (bucket: string, key: string) => `https://s3.example/${bucket}/${encodeURIComponent(key)}`;
const ids = (body: string) => [...body.matchAll(/data-run-id="([^"]+)"/g)].map((m) => m[1]!.replaceAll('&amp;', '&'));

let fixture: RunStoreFixture;
let newestId: string;

beforeAll(async () => {
  fixture = await startRunStore();
  newestId = fixture.newestId;
});
afterAll(async () => fixture?.stop());

const get = async (path: string, environment = 'dev') => {
  const app = consoleApp({ environment, queries: fixture.queries, outputs: { s3: fixture.aws.s3, prefixes: PREFIXES }, health: [], objectUrl });
  const response = await app.request(path);
  return { status: response.status, body: await response.text(), headers: response.headers };
};

describe('the runs page', () => {
  it('lists runs of every status newest first, 25 a page, and the next page holds exactly the rest', async () => {
    const first = await get('/runs');
    expect(first.status).toBe(200);
    expect(ids(first.body)).toHaveLength(25);
    expect(ids(first.body)[0]).toBe(newestId);
    const next = /href="(\/runs\?limit=25&amp;cursor=[^"]+)"/.exec(first.body)![1]!.replaceAll('&amp;', '&');
    const second = await get(next);
    const all = [...ids(first.body), ...ids(second.body)];
    expect(all).toHaveLength(RUN_COUNT);
    expect(new Set(all).size).toBe(RUN_COUNT);
    expect(second.body).not.toContain('Older runs');
    // Runs 0 and 1 share a millisecond: both appear, the tie broken by id.
    expect(all.slice(-2).sort()).toEqual([runIdOf(0), runIdOf(1)].sort());
    expect(first.body).toMatch(/class="status-FAILED">FAILED/);
    expect(first.body).toMatch(/class="status-RUNNING">RUNNING/);
  });

  it('pages by any size from 1 to 100', async () => {
    expect(ids((await get('/runs?limit=1')).body)).toEqual([newestId]);
    expect(ids((await get('/runs?limit=100')).body)).toHaveLength(RUN_COUNT);
  });
});

describe('a run page', () => {
  it('shows the counts, the quarantine reasons with their counts, the first rejected rows and the S3 keys', async () => {
    const { status, body } = await get(`/run?id=${encodeURIComponent(newestId)}`);
    expect(status).toBe(200);
    expect(body).toMatch(/data-count="total">131</);
    expect(body).toMatch(/data-count="quarantined">6</);
    const reasons = [...body.matchAll(/<tr><td>([a-z_]+)<\/td><td class="num">(\d+)<\/td><\/tr>/g)].map((m) => [m[1], Number(m[2])]);
    expect(reasons).toEqual([['invalid_amount', 3], ['invalid_currency', 2], ['malformed_row', 1]]);
    expect([...body.matchAll(/<tr><td class="num">(\d+)<\/td><td>[a-z_]+<\/td><td><code>/g)].map((m) => Number(m[1]))).toEqual(REPORT_LINES.map((l) => l.line));
    const report = newestReportKey(`raw/${HOSTILE}.csv`, 'v31');
    expect(body).toContain(`quarantine report: <a href="https://s3.example/myapp-test-data-ci1/${encodeURIComponent(report)}"`);
    expect(body).toContain(`summary: <a href="https://s3.example/myapp-test-data-ci1/${encodeURIComponent(`processed/${HOSTILE}.csv/v31/summary.json`)}"`);
  });

  it('shows why a failed run failed and where its source went', async () => {
    const { body } = await get(`/run?id=${encodeURIComponent(runIdOf(2))}`);
    expect(body).toContain('Failed: <strong>missing_column</strong> — The file has no amount column.');
    expect(body).toContain('quarantined source: <a');
  });

  it('answers 404 for a run it does not know', async () => {
    const { status, body } = await get('/run?id=nope');
    expect(status).toBe(404);
    expect(body).toContain('No run with id nope.');
  });
});

describe('escaping', () => {
  it('renders a <script> merchant, raw row and object key as text, never as markup', async () => {
    for (const path of ['/runs', `/run?id=${encodeURIComponent(newestId)}`]) {
      const { body } = await get(path);
      expect(body).not.toContain('<script');
      expect(body).toContain('&lt;script&gt;alert(&quot;pwned&quot;)&lt;/script&gt;');
    }
    expect(HOSTILE).toContain('<script>');
  });

  it('escapes what the request itself carries', async () => {
    const { status, body } = await get(`/run?id=${encodeURIComponent(HOSTILE)}`);
    expect(status).toBe(404);
    expect(body).not.toContain('<script');
  });

  it('forbids inline scripts and styles by Content-Security-Policy', async () => {
    const csp = (await get('/runs')).headers.get('content-security-policy');
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("style-src 'self'");
  });
});

describe('bad parameters get a 400 page naming them', () => {
  it.each([
    ['/runs?limit=0', /limit: Too small/i],
    ['/runs?limit=abc', /limit: /],
    ['/runs?limit=1000', /limit: Too big/i],
    ['/runs?cursor=not-a-cursor', /cursor: cursor is not one this API returned as nextCursor/],
    ['/runs?sort=asc', /Unrecognized key/i],
    ['/run', /id: /],
    ['/balances?account=a1&from=2026-02-30&to=2026-03-01', /from: is not a calendar date/],
    ['/balances?account=a1&from=2026-03-02&to=2026-03-01', /from: must not be after to/],
    ['/balances?account=a1&from=2025-01-01&to=2026-03-01', /to: the range may span at most 366 days/],
    ['/balances?account=&from=2026-03-01&to=2026-03-01', /account: /],
  ])('%s', async (path, problem) => {
    const { status, body } = await get(path);
    expect(status).toBe(400);
    expect(body).toMatch(/<ul class="problems">/);
    expect(body).toMatch(problem);
  });
});

describe('the environment banner', () => {
  it('makes prod unmistakable and leaves the others plain', async () => {
    expect((await get('/runs', 'prod')).body).toContain('<div class="banner prod" role="alert">PRODUCTION');
    const dev = (await get('/runs', 'dev')).body;
    expect(dev).toContain('<div class="banner">environment: dev</div>');
    expect(dev).not.toContain('PRODUCTION');
  });
});

describe('the balances page', () => {
  it('shows each currency of the account with a chart and exact amounts from the database, dates ascending', async () => {
    const { status, body } = await get('/balances?account=acct-1&from=2026-11-01&to=2026-11-30');
    expect(status).toBe(200);
    expect(body.match(/<svg class="chart"/g)).toHaveLength(2);
    expect(body).toContain('1,234,567,890,123,456.78');
    expect(body).toContain('-2.50');
    expect(body).toContain('<td class="num">1,500</td>');
    expect(body).not.toContain('EUR');
    expect(body.indexOf('2026-11-01</td>')).toBeLessThan(body.lastIndexOf('2026-11-02</td>'));
  });

  it('says so when the account has nothing in the range', async () => {
    const { status, body } = await get('/balances?account=acct-1&from=2026-12-01&to=2026-12-31');
    expect(status).toBe(200);
    expect(body).toContain('No transactions for account <code>acct-1</code> from 2026-12-01 to 2026-12-31.');
  });

  it('escapes a hostile account id', async () => {
    const { body } = await get(`/balances?account=${encodeURIComponent(HOSTILE)}&from=2026-11-01&to=2026-11-30`);
    expect(body).not.toContain('<script');
  });
});
