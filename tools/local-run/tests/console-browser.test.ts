import { describeWithBrowser } from '@data-platform/testing';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { findWorkspaceRoot } from '@data-platform/workspace';
import { runCli, type RunReport } from '../src/index.js';

const root = findWorkspaceRoot(import.meta.dirname);
const SCREENSHOT_DIR = join(root, 'dist', 'console-browser');

/**
 * `npm start -- --serve --json` in-process: the run, its --json document, then the console on the
 * run's emulators until `stop` resolves. Resolves once the console's URL is printed.
 */
async function serveRun(outDir: string) {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  let release!: () => void;
  const stop = new Promise<void>((resolve) => (release = resolve));
  const url = new Promise<string>((resolve, reject) => {
    stderr.on('data', (chunk: Buffer) => {
      err += chunk.toString();
      const match = /Pipeline console: (http:\/\/127\.0\.0\.1:\d+)\/runs/.exec(err);
      if (match) resolve(match[1]!);
    });
    setTimeout(() => reject(new Error(`no console URL within 90 s:\n${err}`)), 90_000).unref();
  });
  const exit = runCli(['--serve', '--json', '--out', outDir], { stdout, stderr, cwd: root, serveUntil: stop });
  return { url: await Promise.race([url, exit.then((code) => Promise.reject(new Error(`local run exited ${code}:\n${err}`)))]), report: () => JSON.parse(out) as RunReport, stop: release, exit };
}

describeWithBrowser('the pipeline console in headless Chromium (npm start -- --serve)', (executablePath) => {
  let dir: string;
  let served: Awaited<ReturnType<typeof serveRun>>;
  let browser: Browser;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'console-browser-'));
    served = await serveRun(dir);
    // --no-sandbox: CI runs as root, where Chromium's sandbox refuses to start.
    browser = await chromium.launch({ executablePath, args: ['--no-sandbox'] });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    served?.stop();
    expect(await served?.exit).toBe(0);
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('opens the runs page, clicks into the run, and shows the counts and quarantine reasons of the --json summary', async () => {
    const report = served.report();
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(`${served.url}/runs`);
    await expect(page.locator('.banner').textContent()).resolves.toBe('environment: dev');
    const runLink = page.locator('#runs tbody tr a').first();
    await expect(runLink.textContent()).resolves.toBe(report.source.key);
    await runLink.click();
    await page.waitForSelector('#run-counts');

    const count = (name: string) => page.locator(`[data-count="${name}"]`).textContent();
    const asNumber = (text: string | null) => Number((text ?? '').replaceAll(',', ''));
    expect(asNumber(await count('total'))).toBe(report.records.total);
    expect(asNumber(await count('valid'))).toBe(report.records.valid);
    expect(asNumber(await count('quarantined'))).toBe(report.records.quarantined);

    const expectedReasons = new Map<string, number>();
    for (const row of report.quarantine) expectedReasons.set(row.reason, (expectedReasons.get(row.reason) ?? 0) + 1);
    const shown = await page.locator('#quarantine-reasons tbody tr').evaluateAll((rows) =>
      rows.map((row) => [row.children[0]!.textContent, Number(row.children[1]!.textContent!.replaceAll(',', ''))] as [string, number]),
    );
    expect(new Map(shown)).toEqual(expectedReasons);
    const firstLines = await page.locator('#rejected-rows tbody tr td:first-child').allTextContents();
    expect(firstLines.map(Number)).toEqual(report.quarantine.slice(0, firstLines.length).map((row) => row.line));
    await expect(page.locator('#run-objects').textContent()).resolves.toContain(report.outputs.find((o) => o.name === 'summary')!.s3);

    await mkdir(SCREENSHOT_DIR, { recursive: true });
    const screenshot = join(SCREENSHOT_DIR, 'run-page.png');
    await page.screenshot({ path: screenshot, fullPage: true });
    process.stderr.write(`console-browser: screenshot ${screenshot}\n`);
  }, 60_000);

  it("shows an account's daily balances from the run's database, as the run aggregated them", async () => {
    const report = served.report();
    const first = report.aggregates[0]!;
    const sameAccount = report.aggregates.filter((a) => a.accountId === first.accountId && a.currency === first.currency);
    const dates = sameAccount.map((a) => a.date).sort();
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(`${served.url}/balances?account=${encodeURIComponent(first.accountId)}&from=${dates[0]}&to=${dates[dates.length - 1]}`);
    const rows = await page.locator(`table.balances[data-currency="${first.currency}"] tbody tr`).evaluateAll((trs) =>
      trs.map((tr) => [tr.children[0]!.textContent, Number(tr.children[1]!.textContent!.replaceAll(',', ''))] as [string, number]),
    );
    expect(rows).toEqual(sameAccount.map((a) => [a.date, a.transactionCount]).sort((a, b) => String(a[0]).localeCompare(String(b[0]))));
    await expect(page.locator('svg.chart').count()).resolves.toBeGreaterThanOrEqual(1);
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'balances-page.png'), fullPage: true });
  });

  it('answers a bad page size with a 400 page in the browser too', async () => {
    const page = await browser.newPage();
    const response = await page.goto(`${served.url}/runs?limit=0`);
    expect(response?.status()).toBe(400);
    await expect(page.locator('.problems li').first().textContent()).resolves.toMatch(/^limit: /);
  });
});
