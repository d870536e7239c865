// @ts-check
// Console benchmark: `npm start -- --serve` (the dev pipeline run, then the console on its S3 and
// DynamoDB emulators and PGlite), then autocannon against /health and the runs page at 1, 10 and
// 50 connections. Baseline in the same run: the stylesheet route, which touches no store (the
// server's own floor). Target: runs page p99 <= 100 ms at 10 connections.
// Usage: npm run bench:console [-- --duration 10]
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const root = resolve(fileURLToPath(new URL('../..', import.meta.url)));
const { values } = parseArgs({ options: { duration: { type: 'string', default: '10' } } });
const duration = Math.max(1, Number(values.duration));
const TARGET_P99_MS = 100;

/**
 * @typedef {{ requests: { average: number; total: number }; latency: { p50: number; p99: number }; non2xx: number; errors: number; timeouts: number }} AutocannonResult
 * @typedef {{ label: string; path: string; connections: number; rps: number; p50: number; p99: number; requests: number; failed: number; timeouts: number }} Row
 */
/** autocannon ships no types: the part of its API used here. */
const autocannon = /** @type {(options: { url: string; connections: number; duration: number; pipelining: number }, done: (error: Error | null, result: AutocannonResult) => void) => void} */ (
  createRequire(import.meta.url)('autocannon')
);

/** Starts the local run with --serve; resolves with the console's base URL once it is printed. */
function startConsole() {
  const child = spawn(process.execPath, ['tools/local-run/bin.mjs', '--serve'], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const url = new Promise((resolveUrl, reject) => {
    const scan = (/** @type {Buffer} */ chunk) => {
      output += chunk.toString();
      const match = /Pipeline console: (http:\/\/127\.0\.0\.1:\d+)\/runs/.exec(output);
      if (match) resolveUrl(match[1]);
    };
    child.stdout.on('data', scan);
    child.stderr.on('data', scan);
    child.once('exit', (code) => reject(new Error(`the local run exited (${code}) before serving:\n${output}`)));
  });
  return { child, url };
}

/**
 * @param {string} url
 * @param {number} connections
 * @returns {Promise<AutocannonResult>}
 */
const run = (url, connections) =>
  new Promise((resolveRun, reject) => {
    autocannon({ url, connections, duration, pipelining: 1 }, (error, result) => (error ? reject(error) : resolveRun(result)));
  });

const { child, url: urlPromise } = startConsole();
try {
  const base = await urlPromise;
  process.stderr.write(`bench: console at ${base}, ${duration} s per measurement\n`);
  /** @type {Row[]} */
  const rows = [];
  const measure = async (/** @type {string} */ label, /** @type {string} */ path, /** @type {number} */ connections) => {
    const result = await run(`${base}${path}`, connections);
    rows.push({
      label, path, connections, rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99,
      requests: result.requests.total, failed: result.non2xx + result.errors, timeouts: result.timeouts,
    });
    process.stderr.write(`bench: ${label} ${connections} conn done\n`);
  };
  await measure('baseline: stylesheet (no store)', '/static/console.css', 10);
  for (const connections of [1, 10, 50]) await measure('/health (run store + database, never cached)', '/health', connections);
  for (const connections of [1, 10, 50]) await measure('runs page (/runs, 25 per page)', '/runs', connections);

  const baseline = rows[0]?.rps ?? 1;
  const pad = (/** @type {string | number} */ text, /** @type {number} */ width) => String(text).padEnd(width);
  console.log(`\n${pad('endpoint', 46)}${pad('conn', 6)}${pad('req/s', 10)}${pad('p50 ms', 8)}${pad('p99 ms', 8)}${pad('failed', 8)}vs baseline`);
  for (const row of rows) {
    const failed = `${row.failed}/${row.requests}${row.timeouts ? ` (${row.timeouts} timed out)` : ''}`;
    console.log(`${pad(row.label, 46)}${pad(row.connections, 6)}${pad(row.rps.toFixed(0), 10)}${pad(row.p50, 8)}${pad(row.p99, 8)}${pad(failed, 8)} ${(row.rps / baseline).toFixed(2)}x`);
  }
  const target = rows.find((row) => row.path === '/runs' && row.connections === 10);
  if (!target) throw new Error('the runs page was not measured at 10 connections');
  console.log(`\ntarget: runs page p99 at 10 connections ${target.p99} ms (<= ${TARGET_P99_MS} ms): ${target.p99 <= TARGET_P99_MS ? 'met' : 'MISSED'}`);
  console.log('cached: a page of runs for 2 s, one run (item + quarantine report summary) for 5 s; /health and balances are never cached');
} finally {
  child.kill('SIGINT');
}
