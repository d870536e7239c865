#!/usr/bin/env node
/**
 * The fan-out path (libs/lambda-handlers/src/processing/fan-out) run locally with N worker
 * processes against the single path, on the transform bench's generated CSV, both measured in the
 * same run.
 *
 *   npm run bench:fanout -- [--size-mb 1024] [--workers 2] [--shard-mb 64]
 *
 * single   one child process: processTransactionStream over a read stream, records written to one
 *          file, quarantine entries to another (JSON lines).
 * fan-out  the parent plans the shards (ranged reads around each cut); pass one: each worker
 *          process takes every N-th shard, processes it into its own part files and writes its
 *          sorted id run; merge: the parent merges the runs (line numbers, ids first seen on
 *          earlier shards); pass two: the workers rerun only shards that share ids with earlier
 *          shards; assembly: the parts are joined in shard order (file copies here; S3 does it
 *          with multipart upload copy) and quarantine lines shifted to the file's.
 * Checks that both paths wrote byte-identical records and quarantine and the same result, then
 * prints wall times, each worker's peak RSS, the merge cost and the speed-up (target ≥ 1.6× with 2
 * workers), and one JSON line.
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { closeSync, createReadStream, createWriteStream, openSync, readSync, statSync, writeFileSync, writeSync, readFileSync } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { benchFile } from './bench-file.mjs';

const MIB = 1024 * 1024;
const TARGET_SPEEDUP = 1.6;
const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const CSV = { kind: 'csv', gzip: false };

function option(name, fallback) {
  const at = process.argv.indexOf(name);
  return at >= 0 ? process.argv[at + 1] : fallback;
}

/** A range reader over a local file: what S3 ranged GETs are in AWS. */
function fileReader(file) {
  const fd = openSync(file, 'r');
  return async (start, end) => {
    const bytes = Buffer.allocUnsafe(end - start);
    const length = readSync(fd, bytes, 0, bytes.length, start);
    return bytes.subarray(0, length);
  };
}

/** A part as two files: records (bytes as the processor wrote them) and quarantine entries (JSON lines). */
function filePart(dir, shard) {
  const records = openSync(join(dir, `part-${shard}.jsonl`), 'w');
  const quarantine = openSync(join(dir, `part-${shard}.quarantine.jsonl`), 'w');
  return {
    processed: (lines) => void writeSync(records, lines),
    quarantined: (entry) => void writeSync(quarantine, `${JSON.stringify(entry)}\n`),
    close: () => {
      closeSync(records);
      closeSync(quarantine);
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Children: the single path, and a fan-out worker.
// ---------------------------------------------------------------------------------------------

async function single(bundle, file, dir) {
  const { processTransactionStream } = await import(pathToFileURL(bundle).href);
  const part = filePart(dir, 'single');
  const result = await processTransactionStream(createReadStream(file, { highWaterMark: 64 * 1024 }), CSV, part);
  part.close();
  return result;
}

async function worker(bundle, file, dir, task) {
  const { runShardPass } = await import(pathToFileURL(bundle).href);
  const read = fileReader(file);
  const passes = {};
  for (const shard of task.shards) {
    const knownIds = task.knownIdsFiles ? JSON.parse(readFileSync(task.knownIdsFiles[shard], 'utf8')) : undefined;
    let part;
    const pass = await runShardPass(read, CSV, task.plan, shard, () => (part?.close(), (part = filePart(dir, shard))), { knownIds });
    part.close();
    writeFileSync(join(dir, `ids-${shard}.bin`), pass.idRun);
    passes[shard] = { result: pass.result, lineFeeds: pass.lineFeeds };
  }
  return passes;
}

async function child() {
  const [, , , mode, bundle, file, dir, taskFile] = process.argv;
  const started = performance.now();
  const cpuBefore = process.cpuUsage();
  const detail = mode === 'single' ? await single(bundle, file, dir) : await worker(bundle, file, dir, JSON.parse(readFileSync(taskFile, 'utf8')));
  const cpu = process.cpuUsage(cpuBefore);
  process.stdout.write(JSON.stringify({ seconds: (performance.now() - started) / 1000, cpuSeconds: (cpu.user + cpu.system) / 1e6, maxRssMb: process.resourceUsage().maxRSS / 1024, detail }));
}

function runChild(args) {
  return new Promise((resolvePromise, reject) => {
    const proc = spawn(process.execPath, [fileURLToPath(import.meta.url), '--child', ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    proc.stdout.on('data', (chunk) => (out += chunk));
    proc.on('close', (code) => (code === 0 ? resolvePromise(JSON.parse(out)) : reject(new Error(`${args[0]} child failed (exit ${code})`))));
  });
}

// ---------------------------------------------------------------------------------------------
// Parent.
// ---------------------------------------------------------------------------------------------

/** A file's bytes in 1 MiB pieces, read synchronously (the merge pulls one id at a time from every run); a fresh buffer each, as IdRunReader needs. */
function* fileChunks(file) {
  const fd = openSync(file, 'r');
  try {
    for (let buffer = Buffer.allocUnsafe(MIB), length; (length = readSync(fd, buffer, 0, buffer.length, null)) > 0; buffer = Buffer.allocUnsafe(MIB)) yield buffer.subarray(0, length);
  } finally {
    closeSync(fd);
  }
}

/** Runs `shards` over `workers` processes (every N-th shard each); returns per-shard facts and each worker's figures. */
async function runWorkers(bundle, file, dir, plan, shards, workers, knownIdsFiles) {
  const tasks = Array.from({ length: workers }, (_, w) => shards.filter((_, i) => i % workers === w));
  const outcomes = await Promise.all(
    tasks.map((mine, w) => {
      const taskFile = join(dir, `task-${w}.json`);
      writeFileSync(taskFile, JSON.stringify({ plan, shards: mine, knownIdsFiles }));
      return runChild(['worker', bundle, file, dir, taskFile]);
    }),
  );
  return { passes: Object.assign({}, ...outcomes.map((o) => o.detail)), workers: outcomes.map((o) => ({ seconds: o.seconds, cpuSeconds: o.cpuSeconds, peakRssMb: o.maxRssMb })) };
}

async function fanOut(bundle, fanOutApi, file, dir, workers, shardBytes) {
  const { planShards, shardFacts, lineShift, prefixLineFeeds, combineShardResults, shiftQuarantineLines } = fanOutApi;
  const started = performance.now();
  const read = fileReader(file);
  const size = statSync(file).size;
  const plan = await planShards(read, { size, shardBytes, kind: 'csv' });
  const planned = performance.now();
  const all = plan.ranges.map((range) => range.index);
  const first = await runWorkers(bundle, file, dir, plan, all, workers);
  const passOne = performance.now();
  const facts = shardFacts(all.map((shard) => ({ idRun: fileChunks(join(dir, `ids-${shard}.bin`)), lineFeeds: first.passes[shard].lineFeeds })));
  const rerun = all.filter((shard) => facts.knownIds[shard].length > 0);
  const knownIdsFiles = {};
  for (const shard of rerun) writeFileSync((knownIdsFiles[shard] = join(dir, `known-${shard}.json`)), JSON.stringify(facts.knownIds[shard]));
  const merged = performance.now();
  const second = rerun.length > 0 ? await runWorkers(bundle, file, dir, plan, rerun, workers, knownIdsFiles) : { passes: {}, workers: [] };
  const passTwo = performance.now();
  // Assembly: record parts appended as streams (S3: multipart upload copy); quarantine parts as
  // bytes with only each entry's line number rewritten (shiftQuarantineLines), never parsed.
  const records = createWriteStream(join(dir, 'fanout.jsonl'));
  const quarantine = createWriteStream(join(dir, 'fanout.quarantine.jsonl'));
  const prefixLines = prefixLineFeeds(await read(0, plan.prefixEnd));
  for (const shard of all) {
    await pipeline(createReadStream(join(dir, `part-${shard}.jsonl`), { highWaterMark: MIB }), records, { end: false });
    const quarantinePart = createReadStream(join(dir, `part-${shard}.quarantine.jsonl`), { highWaterMark: MIB });
    await pipeline(shiftQuarantineLines(quarantinePart, lineShift(facts, shard, prefixLines), `shard ${shard}`), quarantine, { end: false });
  }
  await Promise.all([records, quarantine].map((stream) => new Promise((done, fail) => stream.end((error) => (error ? fail(error) : done())))));
  const result = combineShardResults(all.map((shard) => (second.passes[shard] ?? first.passes[shard]).result), size);
  const done = performance.now();
  return {
    seconds: (done - started) / 1000,
    shards: plan.ranges.length,
    rerunShards: rerun.length,
    phases: { planSeconds: (planned - started) / 1000, passOneSeconds: (passOne - planned) / 1000, mergeSeconds: (merged - passOne) / 1000, passTwoSeconds: (passTwo - merged) / 1000, assemblySeconds: (done - passTwo) / 1000 },
    workers: { passOne: first.workers, passTwo: second.workers },
    result,
  };
}

/** SHA-256 of a file, streamed (the records of a 1 GiB input pass 2 GiB). */
async function digest(file) {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file)) hash.update(chunk);
  return hash.digest('hex');
}

async function main() {
  const sizeMb = Number(option('--size-mb', '1024'));
  const workers = Number(option('--workers', '2'));
  const shardMb = Number(option('--shard-mb', '64'));
  const { build } = await import('esbuild');
  const dir = await mkdtemp(join(tmpdir(), 'fanout-bench-'));
  try {
    const bundle = join(dir, 'fan-out.mjs');
    await build({
      stdin: { contents: "export * from './index.ts'; export * from './fan-out/index.ts';", resolveDir: join(root, 'libs/lambda-handlers/src/processing'), loader: 'ts' },
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      outfile: bundle,
      logLevel: 'warning',
    });
    const api = await import(pathToFileURL(bundle).href);
    const file = benchFile(sizeMb);
    const bytes = statSync(file).size;
    process.stderr.write('single path …\n');
    const singleRun = await runChild(['single', bundle, file, dir]);
    process.stderr.write(`fan-out with ${workers} workers …\n`);
    const fanned = await fanOut(bundle, api, file, dir, workers, shardMb * MIB);
    const same =
      (await digest(join(dir, 'part-single.jsonl'))) === (await digest(join(dir, 'fanout.jsonl'))) &&
      (await digest(join(dir, 'part-single.quarantine.jsonl'))) === (await digest(join(dir, 'fanout.quarantine.jsonl'))) &&
      JSON.stringify(singleRun.detail) === JSON.stringify(fanned.result);
    const speedup = singleRun.seconds / fanned.seconds;
    const mbps = (seconds) => (bytes / MIB / seconds).toFixed(1);
    console.log(`\nfile ${file}: ${(bytes / MIB).toFixed(0)} MiB; ${fanned.shards} shards of ~${shardMb} MiB, ${workers} workers; node ${process.version}`);
    console.log(`single path     ${singleRun.seconds.toFixed(2)} s (cpu ${singleRun.cpuSeconds.toFixed(2)} s)  ${mbps(singleRun.seconds)} MB/s  peak RSS ${singleRun.maxRssMb.toFixed(0)} MB`);
    console.log(`fan-out path    ${fanned.seconds.toFixed(2)} s  ${mbps(fanned.seconds)} MB/s`);
    for (const [name, list] of Object.entries(fanned.workers)) {
      list.forEach((w, i) => console.log(`  ${name} worker ${i}: ${w.seconds.toFixed(2)} s (cpu ${w.cpuSeconds.toFixed(2)} s), peak RSS ${w.peakRssMb.toFixed(0)} MB`));
    }
    const p = fanned.phases;
    console.log(`  plan ${p.planSeconds.toFixed(3)} s, pass one ${p.passOneSeconds.toFixed(2)} s, merge ${p.mergeSeconds.toFixed(2)} s, pass two ${p.passTwoSeconds.toFixed(2)} s (${fanned.rerunShards} shards rerun), assembly ${p.assemblySeconds.toFixed(2)} s`);
    // On a loaded machine wall time says little: the CPU figures give what 2 idle cores would do.
    const busiest = (list) => Math.max(0, ...list.map((w) => w.cpuSeconds));
    const cpuFanOut = p.planSeconds + busiest(fanned.workers.passOne) + p.mergeSeconds + busiest(fanned.workers.passTwo) + p.assemblySeconds;
    console.log(`by CPU: single ${singleRun.cpuSeconds.toFixed(2)} s, fan-out (busiest worker per pass + plan, merge, assembly) ${cpuFanOut.toFixed(2)} s, ${(singleRun.cpuSeconds / cpuFanOut).toFixed(2)}×`);
    console.log(`outputs identical to the single path: ${same ? 'yes' : 'NO'}`);
    console.log(`speed-up ${speedup.toFixed(2)}× (target ≥ ${TARGET_SPEEDUP}× with 2 workers): ${speedup >= TARGET_SPEEDUP ? 'met' : 'missed'}\n`);
    console.log(JSON.stringify({ bench: 'fanout', sizeMiB: sizeMb, bytes, workers, shardMiB: shardMb, single: { seconds: singleRun.seconds, peakRssMb: singleRun.maxRssMb }, fanOut: { ...fanned, result: undefined }, identical: same, speedup }));
    if (!same) process.exitCode = 1;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

if (process.argv[2] === '--child') await child();
else await main();
