#!/usr/bin/env node
// @ts-check
/**
 * Throughput and peak memory of the transaction-file processor (SPEC §5), with a physical and a
 * naive baseline measured in the same run.
 *
 *   node tools/bench/transform-bench.mjs [--size-mb N] [--runs R] [--tokenizers] [--keep-bundle]
 *
 * 1. Bundles libs/lambda-handlers/src/processing/index.ts with esbuild to a temp .mjs.
 * 2. Generates a CSV of N MiB (default 1024) in os.tmpdir(), reused when it already exists:
 *    UUID transaction ids, 20k accounts with a home currency, 7 days of timestamps (80 % `Z`,
 *    the rest ±hh:mm), amounts at each currency's precision, a few quoted merchants, and ~1 % bad
 *    rows spread over every reject reason.
 * 3. Measures, each run in a fresh child process so `maxRSS` is that measurement's own peak:
 *    (a) raw      stream the file and count newlines (what the disk + one core can deliver);
 *    (b) naive    read the whole file, split lines and commas, parseFloat-sum the amounts
 *                 (decoded in ≤ 256 MiB slices: V8 strings stop at 512 MiB; a file past 2 GiB is
 *                 read whole in 2 GiB pieces, as a Buffer stops at 4 GiB);
 *    (c) process  processTransactionStream over a read stream; the processed JSON lines are produced
 *                 in full and dropped by the sink (an upload would take them from there).
 *    With --tokenizers, also the CSV tokenizer alone (records out, no rules), as the comment atop
 *    processor-core.ts quotes it: (t1) csv-parse streaming with `info: true` (line numbers),
 *    (t2) the processor core's tokenizer (WebAssembly; each record handed to JS as cell ranges).
 *    With --runs R each is repeated R times; the best MB/s and the highest RSS are reported.
 * Prints a table and one JSON line. Targets: (c) ≥ 120 MB/s and c/b ≥ 1.0 (256 MiB and 1 GiB), peak
 * RSS ≤ 256 MB at any size.
 * MB/s here is MiB/s of file bytes per wall-clock second; "cpu MB/s" divides by user+system
 * CPU time instead, which is steadier on a shared machine.
 */
import { spawnSync } from 'node:child_process';
import { closeSync, createReadStream, fstatSync, openSync, readSync, statSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { benchFile } from './bench-file.mjs';
import { benchOptions } from './bench-options.mjs';
import { bundleForBench, inBenchDirectory } from './bundle-for-bench.mjs';

const MIB = 1024 * 1024;
/** Issue 11's targets for (c): MB/s, and the ratio to the naive baseline measured in the same run. */
const TARGET_MB_PER_SECOND = 120;
const TARGET_OVER_NAIVE = 1.0;

/**
 * @typedef {{ processing: string; reader: string }} Bundles paths of the bundled processing module and processor core
 * @typedef {'raw' | 'naive' | 'process' | 'csv-parse' | 'reader'} Mode
 * @typedef {{ lines?: number; records?: unknown; aggregates?: number }} Detail what a child measured besides time
 * @typedef {{ mode: Mode; seconds: number; cpuSeconds: number; maxRssMb: number; detail: Detail }} Sample
 * @typedef {{ mbPerSecond: number; cpuMbPerSecond: number; peakRssMb: number; seconds: number; detail: Detail }} Result
 */

// ---------------------------------------------------------------------------------------------
// Child: one measurement, result as JSON on stdout.
// ---------------------------------------------------------------------------------------------

/** @param {string} file */
async function measureRaw(file) {
  let lines = 0;
  for await (const chunk of createReadStream(file, { highWaterMark: 64 * 1024 })) {
    for (let i = chunk.indexOf(10); i !== -1; i = chunk.indexOf(10, i + 1)) lines++;
  }
  return { lines };
}

/** A Buffer holds at most 4 GiB (readFileSync stops at 2 GiB): larger files are read whole in pieces this big. */
const WHOLE_PIECE_BYTES = 2048 * MIB;

/**
 * The file as whole pieces of at most {@link WHOLE_PIECE_BYTES}, each ending at a line break, each
 * read into one Buffer before it is looked at (one piece for every file up to 2 GiB).
 * @param {string} file
 */
function* readWhole(file) {
  const fd = openSync(file, 'r');
  try {
    const size = fstatSync(fd).size;
    for (let offset = 0; offset < size; ) {
      let bytes = Buffer.allocUnsafe(Math.min(size - offset, WHOLE_PIECE_BYTES));
      for (let at = 0; at < bytes.length; ) at += readSync(fd, bytes, at, Math.min(bytes.length - at, 256 * MIB), offset + at);
      if (offset + bytes.length < size) bytes = bytes.subarray(0, bytes.lastIndexOf(10) + 1);
      offset += bytes.length;
      yield bytes;
    }
  } finally {
    closeSync(fd);
  }
}

/** @param {string} file */
function measureNaive(file) {
  let sum = 0;
  let rows = 0;
  let amountColumn = -1;
  for (const bytes of readWhole(file)) {
    for (let start = 0; start < bytes.length; ) {
      let end = Math.min(bytes.length, start + 256 * MIB);
      if (end < bytes.length) end = bytes.lastIndexOf(10, end - 1) + 1;
      const lines = bytes.toString('utf8', start, end).split('\n');
      for (const line of lines) {
        if (line.length === 0) continue;
        const cells = line.split(',');
        if (amountColumn === -1) {
          amountColumn = cells.indexOf('amount');
          continue;
        }
        const value = parseFloat(cells[amountColumn] ?? '');
        if (!Number.isNaN(value)) sum += value;
        rows++;
      }
      start = end;
    }
  }
  return { rows, sum };
}

/**
 * @param {string} file
 * @param {string} bundle
 */
async function measureProcess(file, bundle) {
  const { processTransactionStream } = await import(pathToFileURL(bundle).href);
  const result = await processTransactionStream(
    createReadStream(file, { highWaterMark: 64 * 1024 }),
    { kind: 'csv', gzip: false },
    { processed() {}, quarantined() {} },
  );
  return { records: result.records, aggregates: result.aggregates.length };
}

/** @param {string} file */
async function measureCsvParse(file) {
  const { parse } = await import('csv-parse');
  let records = 0;
  const parser = createReadStream(file, { highWaterMark: 64 * 1024 }).pipe(
    parse({ info: true, bom: true, relax_column_count: true, skip_empty_lines: true }),
  );
  for await (const record of parser) if (record.info.lines > 0) records++;
  return { records };
}

/**
 * @param {string} file
 * @param {string} bundle
 */
async function measureReader(file, bundle) {
  const { ProcessorCore, CoreEvent } = await import(pathToFileURL(bundle).href);
  // Without columns the core's fast path takes nothing: every record comes out as an event.
  const core = new ProcessorCore({ maxRecordBytes: MIB, chunkBytes: 64 * 1024, idLimitBytes: MIB, initialIdSlots: 64 });
  let records = 0;
  const drain = () => {
    while (core.exports.scan() === CoreEvent.Record) records++;
  };
  for await (const chunk of createReadStream(file, { highWaterMark: 64 * 1024 })) {
    for (let from = 0; from < chunk.length; ) {
      from = core.writeInput(chunk, from);
      drain();
    }
  }
  core.exports.endInput();
  drain();
  return { records };
}

/** @type {Record<Mode, (file: string, bundles: Bundles) => Promise<unknown> | unknown>} */
const MEASUREMENTS = {
  raw: (file) => measureRaw(file),
  naive: (file) => measureNaive(file),
  process: (file, bundles) => measureProcess(file, bundles.processing),
  'csv-parse': (file) => measureCsvParse(file),
  reader: (file, bundles) => measureReader(file, bundles.reader),
};

/**
 * @param {Mode} mode
 * @param {string} file
 * @param {Bundles} bundles
 */
async function child(mode, file, bundles) {
  const started = performance.now();
  const cpuBefore = process.cpuUsage();
  const detail = await MEASUREMENTS[mode](file, bundles);
  const seconds = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpuBefore);
  process.stdout.write(
    JSON.stringify({
      mode,
      seconds,
      cpuSeconds: (cpu.user + cpu.system) / 1e6,
      maxRssMb: process.resourceUsage().maxRSS / 1024,
      detail,
    }),
  );
}

// ---------------------------------------------------------------------------------------------
// Parent.
// ---------------------------------------------------------------------------------------------

/** @param {string} outDir */
async function bundleProcessor(outDir) {
  const bundles = await bundleForBench(outDir, {
    processing: 'libs/lambda-handlers/src/processing/index.ts',
    reader: 'libs/lambda-handlers/src/processing/processor-core.ts',
  });
  const exported = await import(pathToFileURL(bundles.processing).href);
  if (typeof exported.processTransactionStream !== 'function') throw new Error('bundle lacks processTransactionStream');
  return bundles;
}

/**
 * @param {Mode} mode
 * @param {string} file
 * @param {Bundles} bundles
 * @returns {Sample}
 */
function runChild(mode, file, bundles) {
  const args = ['--child', mode, file, JSON.stringify(bundles)];
  const result = spawnSync(process.execPath, [fileURLToPath(import.meta.url), ...args], {
    encoding: 'utf8',
    maxBuffer: 16 * MIB,
  });
  if (result.status !== 0) throw new Error(`${mode} run failed (exit ${result.status}):\n${result.stderr}`);
  return JSON.parse(result.stdout);
}

async function main() {
  const { 'size-mb': sizeMb, runs } = benchOptions('usage: transform-bench.mjs [--size-mb N] [--runs R]', { 'size-mb': 1024, runs: 1 });

  await inBenchDirectory('transform', async (workDir) => {
    const bundles = await bundleProcessor(workDir);
    const file = benchFile(sizeMb);
    const bytes = statSync(file).size;

    /** @type {Partial<Record<Mode, Result>>} */
    const measured = {};
    /** @type {Mode[]} */
    const modes = ['raw', 'naive', 'process', ...(process.argv.includes('--tokenizers') ? /** @type {Mode[]} */ (['csv-parse', 'reader']) : [])];
    for (const mode of modes) {
      const samples = [];
      for (let r = 0; r < runs; r++) {
        process.stderr.write(`measuring ${mode} (${r + 1}/${runs}) …\n`);
        samples.push(runChild(mode, file, bundles));
      }
      const best = samples.reduce((a, b) => (b.seconds < a.seconds ? b : a));
      measured[mode] = {
        mbPerSecond: bytes / MIB / best.seconds,
        cpuMbPerSecond: bytes / MIB / Math.min(...samples.map((s) => s.cpuSeconds)),
        peakRssMb: Math.max(...samples.map((s) => s.maxRssMb)),
        seconds: best.seconds,
        detail: best.detail,
      };
    }

    // raw, naive and process are always measured; the tokenizers only with --tokenizers.
    const results = /** @type {Record<'raw' | 'naive' | 'process', Result> & Partial<Record<Mode, Result>>} */ (measured);
    /** @type {Array<[string, Result | undefined]>} */
    const rows = [
      ['(a) raw line split', results.raw],
      ['(b) naive baseline', results.naive],
      ['(c) processTransactionStream', results.process],
      ['(t1) csv-parse, records only', results['csv-parse']],
      ['(t2) processor core, records', results.reader],
    ];
    const fmt = (/** @type {number} */ value, /** @type {number} */ width, digits = 1) => value.toFixed(digits).padStart(width);
    console.log(`\nfile ${file}: ${(bytes / MIB).toFixed(0)} MiB, ${results.raw.detail.lines} lines; best of ${runs}`);
    console.log(`node ${process.version}, ${process.arch}\n`);
    console.log(`${'measurement'.padEnd(30)} ${'MB/s'.padStart(8)} ${'cpu MB/s'.padStart(9)} ${'peak RSS MB'.padStart(12)} ${'seconds'.padStart(8)}`);
    for (const [name, r] of rows) {
      if (!r) continue;
      console.log(`${name.padEnd(30)} ${fmt(r.mbPerSecond, 8)} ${fmt(r.cpuMbPerSecond, 9)} ${fmt(r.peakRssMb, 12)} ${fmt(r.seconds, 8, 2)}`);
    }
    const ratioRaw = results.process.mbPerSecond / results.raw.mbPerSecond;
    const ratioNaive = results.process.mbPerSecond / results.naive.mbPerSecond;
    const meetsThroughput = results.process.mbPerSecond >= TARGET_MB_PER_SECOND && ratioNaive >= TARGET_OVER_NAIVE;
    const meetsMemory = results.process.peakRssMb <= 256;
    console.log(`\nc/a ${ratioRaw.toFixed(3)}   c/b ${ratioNaive.toFixed(3)}`);
    console.log(`records ${JSON.stringify(results.process.detail.records)}, aggregates ${results.process.detail.aggregates}`);
    console.log(
      `target ≥ ${TARGET_MB_PER_SECOND} MB/s and c/b ≥ ${TARGET_OVER_NAIVE}: ${meetsThroughput ? 'met' : 'missed'}; peak RSS ≤ 256 MB: ${meetsMemory ? 'met' : 'missed'}\n`,
    );
    console.log(
      JSON.stringify({
        bench: 'transform',
        sizeMiB: sizeMb,
        bytes,
        runs,
        node: process.version,
        ...results,
        ratios: { processOverRaw: ratioRaw, processOverNaive: ratioNaive },
        targets: { mbPerSecond: TARGET_MB_PER_SECOND, overNaive: TARGET_OVER_NAIVE, peakRssMb: 256, meetsThroughput, meetsMemory },
      }),
    );
  });
}

if (process.argv[2] === '--child') {
  const [mode, file, bundles] = process.argv.slice(3);
  await child(/** @type {Mode} */ (mode), String(file), JSON.parse(String(bundles)));
} else {
  await main();
}
