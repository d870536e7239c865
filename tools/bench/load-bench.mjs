#!/usr/bin/env node
// @ts-check
/**
 * Throughput of the load step (SPEC §3.3): the daily aggregates of one transaction file written
 * into the database by the load code, against a naive baseline measured in the same run.
 *
 *   node tools/bench/load-bench.mjs [--size-mb N] [--batch-rows B]
 *
 * 1. Takes the benchmarks' transaction file of N MiB (default 256: about 147 k account/currency/day
 *    groups), generating it once (bench-file.mjs), and computes its aggregates with the processor.
 * 2. Bundles the processing and database modules with esbuild (the SQL migrations as text).
 * 3. On a fresh PGlite each (Postgres in WebAssembly, in process), with the same migrations:
 *    (a) naive  one INSERT per aggregate row, all inside one transaction (the baseline is given its
 *               best case: no commit per row);
 *    (b) load   loadAggregates: delete the version's rows, then one INSERT … SELECT FROM unnest(…)
 *               per batch of B rows (default 20 000), in one transaction.
 *    Both tables are checked to hold the same rows with the same exact sums afterwards.
 * Prints a table (wall and CPU time) and one JSON line. Target: (b) ≥ 10× (a) in rows per CPU second
 * (user + system of this process, where PGlite runs; wall time swings with the machine's load).
 * Also prints the local path's connection figures the README quotes: PGlite start, and a `pg`
 * client's connect + first query over the wire (PGlite's socket server, as the local run uses it).
 */
import { createReadStream } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { benchFile } from './bench-file.mjs';
import { benchOptions } from './bench-options.mjs';
import { bundleForBench, inBenchDirectory } from './bundle-for-bench.mjs';

const TARGET_OVER_NAIVE = 10;

/**
 * The parts of the bundled modules this benchmark calls (their types live in the TypeScript sources).
 * @typedef {import('@electric-sql/pglite').PGlite} Database
 * @typedef {{ accountId: string; currency: string; date: string; transactionCount: number; settledMinor: string; pendingMinor: string; reversedMinor: string }} Aggregate
 * @typedef {{ bucket: string; key: string; versionId: string; runId: string }} Source
 * @typedef {{
 *   processTransactionStream: (source: AsyncIterable<Uint8Array>, format: { kind: 'csv'; gzip: boolean }, sinks: { processed: () => void; quarantined: () => void }) => Promise<{ aggregates: Aggregate[] }>;
 *   migrate: (db: Database) => Promise<unknown>;
 *   loadAggregates: (db: Database, source: Source, aggregates: Aggregate[], options: { batchRows: number }) => Promise<number>;
 * }} LoadModules
 */

/** The processing and database modules, bundled as the load handler bundles them. */
/**
 * @param {string} outDir
 * @returns {Promise<LoadModules>}
 */
async function bundleModules(outDir) {
  const bundles = await bundleForBench(outDir, {
    processing: 'libs/lambda-handlers/src/processing/index.ts',
    database: 'libs/lambda-handlers/src/database/index.ts',
  });
  return { ...(await import(pathToFileURL(bundles.processing).href)), ...(await import(pathToFileURL(bundles.database).href)) };
}

const NAIVE_INSERT = `INSERT INTO daily_aggregates
  (source_bucket, source_key, source_version, run_id, account_id, currency, day, transaction_count, settled_minor, pending_minor, reversed_minor)
  VALUES ($1, $2, $3, $4, $5, $6, $7::date, $8::bigint, $9::numeric, $10::numeric, $11::numeric)`;

/** @param {LoadModules} modules */
async function freshDatabase(modules) {
  const { PGlite } = await import('@electric-sql/pglite');
  const db = await PGlite.create();
  await modules.migrate(db);
  return db;
}

/** What both tables must agree on: row count and exact sums (numeric, as text). */
/** @param {Database} db */
async function fingerprint(db) {
  const { rows } = await db.query(
    'SELECT count(*)::int AS rows, sum(transaction_count)::text AS n, sum(settled_minor)::text AS s, sum(pending_minor)::text AS p, sum(reversed_minor)::text AS r FROM daily_aggregates',
  );
  return rows[0];
}

/**
 * @param {LoadModules} modules
 * @param {Source} source
 * @param {Aggregate[]} aggregates
 */
async function measureNaive(modules, source, aggregates) {
  const db = await freshDatabase(modules);
  const started = performance.now();
  const cpu = process.cpuUsage();
  await db.query('BEGIN');
  for (const a of aggregates) {
    await db.query(NAIVE_INSERT, [source.bucket, source.key, source.versionId, source.runId, a.accountId, a.currency, a.date, a.transactionCount, a.settledMinor, a.pendingMinor, a.reversedMinor]);
  }
  await db.query('COMMIT');
  const seconds = (performance.now() - started) / 1000;
  const cpuSeconds = cpuSecondsSince(cpu);
  const check = await fingerprint(db);
  await db.close();
  return { seconds, cpuSeconds, check };
}

/**
 * @param {LoadModules} modules
 * @param {Source} source
 * @param {Aggregate[]} aggregates
 * @param {number} batchRows
 */
async function measureLoad(modules, source, aggregates, batchRows) {
  const db = await freshDatabase(modules);
  const started = performance.now();
  const cpu = process.cpuUsage();
  const rows = await modules.loadAggregates(db, source, aggregates, { batchRows });
  const seconds = (performance.now() - started) / 1000;
  const cpuSeconds = cpuSecondsSince(cpu);
  if (rows !== aggregates.length) throw new Error(`loadAggregates wrote ${rows} rows, expected ${aggregates.length}`);
  const check = await fingerprint(db);
  await db.close();
  return { seconds, cpuSeconds, check };
}

/** User + system CPU seconds of this process since `start` (PGlite runs in it): steadier than wall time on a shared machine. */
/** @param {NodeJS.CpuUsage} start */
function cpuSecondsSince(start) {
  const { user, system } = process.cpuUsage(start);
  return (user + system) / 1e6;
}

/** The local path's cold start: PGlite up, then pg's connect and first query over the socket. */
async function measureConnection() {
  const { PGlite } = await import('@electric-sql/pglite');
  const { PGLiteSocketServer } = await import('@electric-sql/pglite-socket');
  const { default: pg } = await import('pg');
  let started = performance.now();
  const db = await PGlite.create();
  const pgliteStartMs = performance.now() - started;
  const server = new PGLiteSocketServer({ db, host: '127.0.0.1', port: 0 });
  await server.start();
  const [host, port] = server.getServerConn().split(':');
  started = performance.now();
  const client = new pg.Client({ host, port: Number(port), user: 'loader', database: 'postgres', password: 'local', ssl: false });
  await client.connect();
  await client.query('SELECT 1');
  const connectMs = performance.now() - started;
  await client.end();
  await server.stop();
  await db.close();
  return { pgliteStartMs, connectMs };
}

async function main() {
  const { 'size-mb': sizeMb, 'batch-rows': batchRows } = benchOptions('usage: load-bench.mjs [--size-mb N] [--batch-rows B]', { 'size-mb': 256, 'batch-rows': 20000 });
  await inBenchDirectory('load', async (workDir) => {
    const modules = await bundleModules(workDir);
    const file = benchFile(sizeMb);
    const processed = await modules.processTransactionStream(createReadStream(file), { kind: 'csv', gzip: false }, { processed: () => undefined, quarantined: () => undefined });
    const aggregates = processed.aggregates;
    const source = { bucket: 'bench', key: `raw/${sizeMb}mib.csv`, versionId: 'v1', runId: `bench/raw/${sizeMb}mib.csv@v1` };
    process.stderr.write(`${aggregates.length} aggregate rows from ${sizeMb} MiB; loading …\n`);

    const connection = await measureConnection();
    const naive = await measureNaive(modules, source, aggregates);
    const load = await measureLoad(modules, source, aggregates, batchRows);
    if (JSON.stringify(naive.check) !== JSON.stringify(load.check)) {
      throw new Error(`the two loads disagree: naive ${JSON.stringify(naive.check)}, load ${JSON.stringify(load.check)}`);
    }
    const rate = (/** @type {number} */ seconds) => aggregates.length / seconds;
    // The target is judged on CPU time: wall time on a shared 2-core machine swings several-fold.
    const ratio = naive.cpuSeconds / load.cpuSeconds;
    const wallRatio = naive.seconds / load.seconds;
    const row = (/** @type {string} */ name, /** @type {{ seconds: number; cpuSeconds: number }} */ m) =>
      `${name.padEnd(38)} ${m.seconds.toFixed(2).padStart(8)} s ${Math.round(rate(m.seconds)).toLocaleString('en-US').padStart(10)} rows/s` +
      ` | cpu ${m.cpuSeconds.toFixed(2).padStart(7)} s ${Math.round(rate(m.cpuSeconds)).toLocaleString('en-US').padStart(10)} rows/s`;
    console.log(`load of ${aggregates.length} daily aggregates (${sizeMb} MiB bench file), PGlite ${'in process'}`);
    console.log(row('(a) naive: one INSERT per row', naive));
    console.log(row(`(b) loadAggregates (batches of ${batchRows})`, load));
    console.log(`(b)/(a) ${ratio.toFixed(1)}× in CPU time, ${wallRatio.toFixed(1)}× in wall time  (target ≥ ${TARGET_OVER_NAIVE}× in CPU time: ${ratio >= TARGET_OVER_NAIVE ? 'met' : 'MISSED'})`);
    console.log(`local path: PGlite start ${Math.round(connection.pgliteStartMs)} ms; pg connect + first query over the socket ${Math.round(connection.connectMs)} ms`);
    console.log(
      JSON.stringify({
        rows: aggregates.length,
        naiveSeconds: naive.seconds,
        loadSeconds: load.seconds,
        naiveCpuSeconds: naive.cpuSeconds,
        loadCpuSeconds: load.cpuSeconds,
        naiveRowsPerSecond: rate(naive.seconds),
        loadRowsPerSecond: rate(load.seconds),
        loadRowsPerCpuSecond: rate(load.cpuSeconds),
        ratio,
        wallRatio,
        target: TARGET_OVER_NAIVE,
        met: ratio >= TARGET_OVER_NAIVE,
        ...connection,
      }),
    );
    process.exitCode = ratio >= TARGET_OVER_NAIVE ? 0 : 1;
  });
}

await main();
