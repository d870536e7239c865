#!/usr/bin/env node
/**
 * The fan-out path (libs/lambda-handlers/src/processing/fan-out) run locally with N worker
 * processes against the single path and against its own ceiling, on the transform bench's
 * generated CSV, all measured in the same minute.
 *
 *   npm run bench:fanout -- [--size-mb 1024] [--workers 2] [--shard-mb 128] [--rounds 1]
 *
 * Each round (fanout/fan-out-paths.mjs runs each path in child processes, fanout/bench-children.mjs):
 * single    the single path over the whole file in one child process;
 * ceiling   the single path over the file cut in N slices, N children at once, nothing shared: no
 *           exact fan-out with N workers can beat it on this machine;
 * fan-out   the parent plans the shards and N long-lived workers (the Distributed Map's Lambdas) run
 *           pass one, the merge split by hash range, pass two's head reruns, their shards' sums and
 *           quarantine shifts; the parent sums the workers' results. Twice: with the records joined
 *           into one file by the workers, and with the records left as their parts in order (as a
 *           multipart upload's, which S3 joins server side on AWS).
 * Checks every fan-out output byte for byte against the single path's, then prints per round and
 * as medians: wall and CPU per phase, each worker's CPU and peak RSS, the speed-ups (target ≥ 1.6×
 * with 2 workers) and the share of the ceiling reached; and one JSON line.
 */
import { statSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { benchFile } from './bench-file.mjs';
import { benchOptions } from './bench-options.mjs';
import { MIB } from './fanout/local-files.mjs';
import { digest, fanOut, independentSlices, startChild, wholeFile } from './fanout/fan-out-paths.mjs';

const TARGET_SPEEDUP = 1.6;
const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/** @typedef {any} Api */

const load = () => loadavg().map((value) => value.toFixed(1)).join(' ');

/**
 * One round: the single path, the independent slices, then the fan-out path twice — records joined
 * into one file by the workers, and records left as their pieces (S3 joins a multipart upload's
 * parts server side, so on AWS no function copies them) — in that order, in the same minute.
 * @param {string} bundle @param {Api} api @param {string} file @param {string} dir @param {number} workers @param {number} shardMb
 */
async function round(bundle, api, file, dir, workers, shardMb) {
  const loads = { start: load(), end: '' };
  const singleStarted = performance.now();
  const singleChild = startChild(['single', bundle, file, dir]);
  const single = await singleChild.next();
  singleChild.close();
  single.seconds = (performance.now() - singleStarted) / 1000;
  const slices = await independentSlices(bundle, api, file, dir, workers);
  const joined = await fanOut(bundle, api, file, dir, workers, shardMb * MIB, true);
  const joinedDigest = await digest(wholeFile(join(dir, 'fanout.jsonl')));
  const pieces = await fanOut(bundle, api, file, dir, workers, shardMb * MIB, false);
  loads.end = load();
  const singleDigest = await digest(wholeFile(join(dir, 'single.jsonl')));
  const sameQuarantine = (await digest(wholeFile(join(dir, 'single.quarantine.jsonl')))) === (await digest(wholeFile(join(dir, 'fanout.quarantine.jsonl'))));
  const resultJson = JSON.stringify(single.result);
  const identical =
    slices.records === single.result.records.total &&
    joinedDigest === singleDigest &&
    (await digest(pieces.pieces)) === singleDigest &&
    sameQuarantine &&
    JSON.stringify(joined.result) === resultJson &&
    JSON.stringify(pieces.result) === resultJson;
  // The critical path in CPU (the parent's own work plus the busiest worker's): what two idle cores would take.
  const cpuCriticalPath = (/** @type {typeof joined} */ run) => run.parentCpuSeconds + Math.max(...run.workers.map((w) => w.cpuSeconds));
  const summary = (/** @type {typeof joined} */ run) => ({ ...run, pieces: undefined, result: undefined, cpuCriticalPathSeconds: cpuCriticalPath(run) });
  return {
    loads,
    single: { seconds: single.seconds, cpuSeconds: single.cpuSeconds, peakRssMb: single.peakRssMb },
    slices,
    joined: summary(joined),
    pieces: summary(pieces),
    identical,
    ratios: {
      ceiling: single.seconds / slices.seconds,
      joined: single.seconds / joined.seconds,
      pieces: single.seconds / pieces.seconds,
      cpuJoined: single.cpuSeconds / cpuCriticalPath(joined),
      cpuPieces: single.cpuSeconds / cpuCriticalPath(pieces),
    },
  };
}

const f = (/** @type {number} */ seconds) => seconds.toFixed(2);
const x = (/** @type {number} */ ratio) => `${ratio.toFixed(2)}×`;
/** @param {number[]} values */
const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1 ? (sorted[middle] ?? 0) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
};

/** The phases of one fan-out run, each worker's CPU and RSS, and the parent's CPU. */
/** @param {string} label @param {Awaited<ReturnType<typeof round>>['joined']} run */
function printFanOut(label, run) {
  const p = run.phases;
  console.log(
    `  ${label} ${f(run.seconds)} s: plan + worker start ${f(p.planAndStartSeconds)} s, pass one ${f(p.passOneSeconds)} s, merge ${f(p.mergeSeconds)} s (${run.knownIds} ids known to ${run.rerunShards} shards), ` +
      `pass two ${f(p.passTwoSeconds)} s (head reruns), then ${f(p.assemblySeconds)} s to the end (result summed at ${f(p.resultSeconds)} s, quarantine joined at ${f(p.quarantineSeconds)} s, records copied in ${f(p.recordsCopySeconds)} s)`,
  );
  run.workers.forEach((w, i) =>
    console.log(
      `    worker ${i}: cpu ${f(w.cpuSeconds)} s (pass one ${f(w.passOneCpuSeconds)} s over ${(w.bytes / MIB).toFixed(0)} MiB = ${(w.bytes / MIB / w.passOneCpuSeconds).toFixed(1)} MB/s per cpu-second, merge ${f(w.mergeCpuSeconds)} s, pass two ${f(w.passTwoCpuSeconds)} s, ` +
        `sum ${f(w.combineCpuSeconds)} s, quarantine ${f(w.quarantineCpuSeconds)} s, records copy ${f(w.recordsCopyCpuSeconds)} s), peak RSS ${w.peakRssMb.toFixed(0)} MB`,
    ),
  );
  const c = run.parentCpu;
  console.log(`    parent cpu ${f(run.parentCpuSeconds)} s: plan + start ${f(c.planAndStartSeconds)}, during pass one ${f(c.passOneSeconds)}, merge ${f(c.mergeSeconds)}, during pass two ${f(c.passTwoSeconds)}, after ${f(c.assemblySeconds)}; CPU critical path ${f(run.cpuCriticalPathSeconds)} s`);
}

async function main() {
  const options = benchOptions('usage: fanout-bench.mjs [--size-mb 1024] [--workers 2] [--shard-mb 128] [--rounds 1]', { 'size-mb': 1024, workers: 2, 'shard-mb': 128, rounds: 1 });
  const { 'size-mb': sizeMb, workers, 'shard-mb': shardMb, rounds } = options;
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
    console.log(`file ${file}: ${(bytes / MIB).toFixed(0)} MiB; shards of ~${shardMb} MiB, ${workers} workers, ${rounds} round(s); node ${process.version}`);
    console.log('each round: the single path; the ceiling (the single path over the file cut in as many slices as workers, all at once, nothing shared); the fan-out path with its records joined into one file, then with its records left as parts');
    /** @type {Awaited<ReturnType<typeof round>>[]} */
    const results = [];
    for (let n = 1; n <= rounds; n++) {
      process.stderr.write(`round ${n} of ${rounds} …\n`);
      const r = await round(bundle, api, file, dir, workers, shardMb);
      results.push(r);
      console.log(
        `round ${n} (load ${r.loads.start} → ${r.loads.end}): single ${f(r.single.seconds)} s (cpu ${f(r.single.cpuSeconds)}, ${(bytes / MIB / r.single.cpuSeconds).toFixed(1)} MB/s per cpu-second, peak RSS ${r.single.peakRssMb.toFixed(0)} MB); ` +
          `${r.slices.slices} independent slices ${f(r.slices.seconds)} s (ceiling ${x(r.ratios.ceiling)}); fan-out ${f(r.joined.seconds)} s with the records joined (${x(r.ratios.joined)}), ` +
          `${f(r.pieces.seconds)} s with the records as parts (${x(r.ratios.pieces)}); by CPU critical path ${x(r.ratios.cpuJoined)} / ${x(r.ratios.cpuPieces)}; outputs identical: ${r.identical ? 'yes' : 'NO'}`,
      );
      printFanOut('joined', r.joined);
      printFanOut('parts ', r.pieces);
    }
    /** @param {(r: Awaited<ReturnType<typeof round>>) => number} pick */
    const med = (pick) => median(results.map(pick));
    const ratios = { ceiling: med((r) => r.ratios.ceiling), joined: med((r) => r.ratios.joined), pieces: med((r) => r.ratios.pieces), cpuJoined: med((r) => r.ratios.cpuJoined), cpuPieces: med((r) => r.ratios.cpuPieces) };
    const met = (/** @type {number} */ ratio) => (ratio >= TARGET_SPEEDUP ? 'met' : 'missed');
    const ofCeiling = (/** @type {number} */ ratio) => `${((ratio / ratios.ceiling) * 100).toFixed(0)} % of the ceiling`;
    console.log(`\nmedian of ${rounds} round(s): single ${f(med((r) => r.single.seconds))} s, ${workers} independent slices ${f(med((r) => r.slices.seconds))} s, fan-out ${f(med((r) => r.joined.seconds))} s joined / ${f(med((r) => r.pieces.seconds))} s as parts`);
    console.log(`ceiling (independent slices, no coordination) ${x(ratios.ceiling)}`);
    console.log(`speed-up, records as parts (as on AWS) ${x(ratios.pieces)}: target ≥ ${TARGET_SPEEDUP}× ${met(ratios.pieces)}, ${ofCeiling(ratios.pieces)}; by CPU critical path ${x(ratios.cpuPieces)}`);
    console.log(`speed-up, records joined here        ${x(ratios.joined)}: target ≥ ${TARGET_SPEEDUP}× ${met(ratios.joined)}, ${ofCeiling(ratios.joined)}; by CPU critical path ${x(ratios.cpuJoined)}\n`);
    console.log(JSON.stringify({ bench: 'fanout', sizeMiB: sizeMb, bytes, workers, shardMiB: shardMb, rounds: results, median: ratios }));
    if (results.some((r) => !r.identical)) process.exitCode = 1;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}


await main();
