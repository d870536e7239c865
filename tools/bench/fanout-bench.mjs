#!/usr/bin/env node
/**
 * The fan-out path (libs/lambda-handlers/src/processing/fan-out) run locally with N worker
 * processes against the single path, on the transform bench's generated CSV, both measured in the
 * same run.
 *
 *   npm run bench:fanout -- [--size-mb 1024] [--workers 2] [--shard-mb 128]
 *
 * single   one child process: processTransactionStream over a read stream, records written to one
 *          file, quarantine entries to another (JSON lines).
 * fan-out  the parent plans the shards (ranged reads around each cut) and starts N workers (the
 *          Distributed Map's Lambdas); pass one: each free worker takes the next shard, processes it
 *          into its part files and writes its id run; merge: the parent merges the runs (line
 *          numbers, ids first seen on earlier shards); pass two: the worker that holds a shard with
 *          such ids reruns its head (rerunShardHead); assembly: records parts joined in shard order
 *          (a file copy here; on S3 a server-side multipart upload copy, so it is reported apart)
 *          and quarantine lines shifted to the file's; each worker sums its shards' results, the
 *          parent sums the workers'.
 * Checks that both paths wrote byte-identical records and quarantine and the same result, then
 * prints wall and CPU times, each worker's peak RSS, the merge cost, the load average and the
 * speed-up (target ≥ 1.6× with 2 workers), and one JSON line.
 */
import { fork } from 'node:child_process';
import { createHash } from 'node:crypto';
import { closeSync, createReadStream, createWriteStream, openSync, readSync, statSync, writeFileSync, writeSync, readFileSync } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import { mkdtemp, rm } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { benchFile } from './bench-file.mjs';

const MIB = 1024 * 1024;
const TARGET_SPEEDUP = 1.6;
const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const CSV = { kind: 'csv', gzip: false };

/**
 * The bundled processing API (processing/index.ts and fan-out/index.ts), imported at run time; a
 * task or reply crossing a process boundary is a plain object.
 * @typedef {any} Api
 * @typedef {Record<string, any>} Message
 * @typedef {{ next: () => Promise<Message>, ask: (task: Message) => Promise<Message>, close: () => void }} Child
 * @typedef {{ processed: (lines: Uint8Array) => void, quarantined: (entry: unknown) => void, close: () => void }} FilePart
 */

/** @param {string} name @param {string} fallback */
function option(name, fallback) {
  const at = process.argv.indexOf(name);
  return at >= 0 ? process.argv[at + 1] : fallback;
}

const cpuSeconds = (usage = process.cpuUsage()) => (usage.user + usage.system) / 1e6;
const load = () => loadavg().map((value) => value.toFixed(1)).join(' ');

/** A range reader over a local file: what S3 ranged GETs are in AWS. */
/** @param {string} file */
function fileReader(file) {
  const fd = openSync(file, 'r');
  /** @param {number} start @param {number} end */
  return async (start, end) => {
    const bytes = Buffer.allocUnsafe(end - start);
    const length = readSync(fd, bytes, 0, bytes.length, start);
    return bytes.subarray(0, length);
  };
}

/** A part as two files: records (bytes as the processor wrote them) and quarantine entries (JSON lines, written 64 KiB at a time). */
/** @param {string} dir @param {string} name @returns {FilePart} */
function filePart(dir, name) {
  const records = openSync(join(dir, `${name}.jsonl`), 'w');
  const quarantine = openSync(join(dir, `${name}.quarantine.jsonl`), 'w');
  let pending = '';
  return {
    processed: (lines) => void writeSync(records, lines),
    quarantined: (entry) => {
      pending += `${JSON.stringify(entry)}\n`;
      if (pending.length >= 64 * 1024) {
        writeSync(quarantine, pending);
        pending = '';
      }
    },
    close: () => {
      if (pending.length > 0) writeSync(quarantine, pending);
      closeSync(records);
      closeSync(quarantine);
    },
  };
}

/** A file's bytes from `start` as a stream (pass one's part, read back by the head rerun and the assembly). */
const fileBytesFrom = (/** @type {string} */ file, start = 0) => createReadStream(file, { start, highWaterMark: MIB });

// ---------------------------------------------------------------------------------------------
// Children: the single path, and a fan-out worker (a long-lived process taking tasks over IPC).
// ---------------------------------------------------------------------------------------------

/** @param {string} bundle @param {string} file @param {string} dir */
async function single(bundle, file, dir) {
  const started = performance.now();
  const { processTransactionStream } = await import(pathToFileURL(bundle).href);
  const part = filePart(dir, 'single');
  const result = await processTransactionStream(createReadStream(file, { highWaterMark: 64 * 1024 }), CSV, part);
  part.close();
  process.send?.({ seconds: (performance.now() - started) / 1000, cpuSeconds: cpuSeconds(), peakRssMb: process.resourceUsage().maxRSS / 1024, result });
}

/** @param {string} bundle @param {string} file @param {string} dir @param {Message} plan */
async function worker(bundle, file, dir, plan) {
  /** @type {Api} */
  const api = await import(pathToFileURL(bundle).href);
  const read = fileReader(file);
  const results = new Map();
  /** @type {Record<string, number>} */
  const cpu = { passOne: 0, passTwo: 0, assemble: 0 };
  /** @type {Record<string, (task: Message) => Promise<Message>>} */
  const handlers = {
    async passOne({ shard }) {
      /** @type {FilePart | undefined} */
      let part;
      const pass = await api.runShardPass(read, CSV, plan, shard, () => (part?.close(), (part = filePart(dir, `part-${shard}`))));
      part?.close();
      writeFileSync(join(dir, `ids-${shard}.bin`), pass.idRun);
      results.set(shard, pass.result);
      return { lineFeeds: pass.lineFeeds, recordsBytes: statSync(join(dir, `part-${shard}.jsonl`)).size };
    },
    async passTwo({ shard, knownIds }) {
      const passOne = { result: results.get(shard), records: () => fileBytesFrom(join(dir, `part-${shard}.jsonl`)), quarantine: () => fileBytesFrom(join(dir, `part-${shard}.quarantine.jsonl`)) };
      /** @type {FilePart | undefined} */
      let head;
      const rerun = await api.rerunShardHead(read, CSV, plan, shard, knownIds, passOne, () => (head?.close(), (head = filePart(dir, `head-${shard}`))));
      head?.close();
      results.set(shard, rerun.result);
      return { recordsFrom: rerun.recordsFrom, quarantineFrom: rerun.quarantineFrom, headBytes: statSync(join(dir, `head-${shard}.jsonl`)).size };
    },
    /** Copies byte ranges of part files to their places in the output file (positional writes: workers copy in parallel). */
    async assemble({ output, writes }) {
      const started = performance.now();
      const fd = openSync(output, 'r+');
      const buffer = Buffer.allocUnsafe(8 * MIB);
      for (const { from, start, end, at } of writes) {
        const source = openSync(join(dir, from), 'r');
        for (let done = 0; start + done < end; ) {
          const length = readSync(source, buffer, 0, Math.min(buffer.length, end - start - done), start + done);
          writeSync(fd, buffer, 0, length, at + done);
          done += length;
        }
        closeSync(source);
      }
      closeSync(fd);
      return { seconds: (performance.now() - started) / 1000 };
    },
    async finish() {
      const started = performance.now();
      const result = api.combineShardResults([...results.values()], plan.size);
      return { result, combineSeconds: (performance.now() - started) / 1000, cpu, cpuSeconds: cpuSeconds(), peakRssMb: process.resourceUsage().maxRSS / 1024 };
    },
  };
  process.on('message', async (/** @type {Message} */ task) => {
    const before = cpuSeconds();
    const reply = await handlers[task.kind]?.(task);
    if (task.kind in cpu) cpu[task.kind] = (cpu[task.kind] ?? 0) + cpuSeconds() - before;
    process.send?.(reply);
  });
  process.send?.({ ready: true });
}

async function child() {
  const [, , , mode, bundle, file, dir, planFile] = process.argv;
  if (mode === undefined || bundle === undefined || file === undefined || dir === undefined) throw new Error('fanout-bench: a child needs its mode, bundle, file and directory');
  if (mode === 'single') await single(bundle, file, dir);
  else await worker(bundle, file, dir, JSON.parse(readFileSync(planFile ?? '', 'utf8')));
}

/** A child process and a promise-returning `ask` for one reply per message. */
/** @param {string[]} args @returns {Child} */
function startChild(args) {
  const proc = fork(fileURLToPath(import.meta.url), ['--child', ...args], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'], serialization: 'advanced' });
  /** @type {{ resolve: (reply: Message) => void, reject: (error: Error) => void }[]} */
  const waiting = [];
  proc.on('message', (/** @type {Message} */ reply) => waiting.shift()?.resolve(reply));
  proc.on('exit', (code) => {
    if (code !== 0) for (const waiter of waiting.splice(0)) waiter.reject(new Error(`${args[0]} child failed (exit ${code})`));
  });
  const next = () => /** @type {Promise<Message>} */ (new Promise((resolvePromise, reject) => waiting.push({ resolve: resolvePromise, reject })));
  // The parent ends the channel once it has every reply; the child then exits (a child that disconnects itself may lose its last reply).
  return { next, ask: (task) => (proc.send(task), next()), close: () => proc.disconnect() };
}

// ---------------------------------------------------------------------------------------------
// Parent.
// ---------------------------------------------------------------------------------------------

/** A file's bytes in 1 MiB pieces, read synchronously (the merge pulls one id at a time from every run); a fresh buffer each, as IdRunReader needs. */
/** @param {string} file */
function* fileChunks(file) {
  const fd = openSync(file, 'r');
  try {
    for (let buffer = Buffer.allocUnsafe(MIB), length; (length = readSync(fd, buffer, 0, buffer.length, null)) > 0; buffer = Buffer.allocUnsafe(MIB)) yield buffer.subarray(0, length);
  } finally {
    closeSync(fd);
  }
}

/** Runs `tasks` over the workers, each free worker taking the next (as a Distributed Map does); `workerOf` pins a task to a worker. */
/**
 * @param {Child[]} workers @param {Message[]} tasks @param {(task: Message) => number} [workerOf]
 * @returns {Promise<any>} the replies by shard, each with the worker that gave it
 */
async function runTasks(workers, tasks, workerOf) {
  /** @type {Record<number, Message>} */
  const replies = {};
  const queues = workers.map((_, w) => tasks.filter((task) => workerOf?.(task) === w));
  const shared = tasks.filter(() => workerOf === undefined);
  await Promise.all(
    workers.map(async (worker, w) => {
      for (let task; (task = queues[w]?.shift() ?? shared.shift()) !== undefined; ) replies[task.shard] = { ...(await worker.ask(task)), worker: w };
    }),
  );
  return replies;
}

/** @param {string} bundle @param {Api} fanOutApi @param {string} file @param {string} dir @param {number} workerCount @param {number} shardBytes */
async function fanOut(bundle, fanOutApi, file, dir, workerCount, shardBytes) {
  const { planShards, shardFacts, lineShift, prefixLineFeeds, combineShardResults, shiftQuarantineLines } = fanOutApi;
  const started = performance.now();
  const parentCpu = cpuSeconds();
  const read = fileReader(file);
  const size = statSync(file).size;
  /** @type {{ ranges: { index: number, start: number, end: number }[], prefixEnd: number, size: number }} */
  const plan = await planShards(read, { size, shardBytes, kind: 'csv' });
  const planFile = join(dir, 'plan.json');
  writeFileSync(planFile, JSON.stringify(plan));
  const workers = Array.from({ length: workerCount }, () => startChild(['worker', bundle, file, dir, planFile]));
  await Promise.all(workers.map((worker) => worker.next()));
  const planned = performance.now();
  const cpu = { planned: cpuSeconds(), passOne: 0, merged: 0, passTwo: 0, assembled: 0 };
  const all = plan.ranges.map((range) => range.index);
  const first = await runTasks(workers, all.map((shard) => ({ kind: 'passOne', shard })));
  const passOne = performance.now();
  cpu.passOne = cpuSeconds();
  const facts = shardFacts(all.map((shard) => ({ idRun: fileChunks(join(dir, `ids-${shard}.bin`)), lineFeeds: first[shard].lineFeeds })));
  const rerun = all.filter((shard) => facts.knownIds[shard].length > 0);
  const merged = performance.now();
  cpu.merged = cpuSeconds();
  const second = await runTasks(workers, rerun.map((shard) => ({ kind: 'passTwo', shard, knownIds: facts.knownIds[shard] })), (task) => first[task.shard].worker);
  const passTwo = performance.now();
  cpu.passTwo = cpuSeconds();
  // Assembly. Records: per shard the head part (if it was rerun), then pass one's part from
  // recordsFrom, each copied by the worker that wrote it to its offset in the output (S3: a
  // server-side multipart upload copy). Meanwhile the parent writes the quarantine: the same
  // parts, with each entry's line number rewritten as bytes (shiftQuarantineLines), never parsed.
  const output = join(dir, 'fanout.jsonl');
  closeSync(openSync(output, 'w'));
  /** @type {{ from: string, start: number, end: number, at: number }[][]} */
  const writes = workers.map(() => []);
  let at = 0;
  for (const shard of all) {
    /** @param {string} from @param {number} start @param {number} end */
    const copy = (from, start, end) => {
      writes[first[shard]?.worker]?.push({ from, start, end, at });
      at += end - start;
    };
    if (second[shard] !== undefined) copy(`head-${shard}.jsonl`, 0, second[shard].headBytes);
    copy(`part-${shard}.jsonl`, second[shard]?.recordsFrom ?? 0, first[shard].recordsBytes);
  }
  const copies = Promise.all(workers.map((worker, w) => worker.ask({ kind: 'assemble', output, writes: writes[w] })));
  const quarantineStarted = performance.now();
  const prefixLines = prefixLineFeeds(await read(0, plan.prefixEnd));
  // Every shard's quarantine lines, shifted, in shard order: one pipeline into one file (a pipeline
  // per part with { end: false } would leave its error listener on the file stream each time).
  async function* shiftedQuarantine() {
    for (const shard of all) {
      const shift = lineShift(facts, shard, prefixLines);
      const sources = second[shard] === undefined ? [fileBytesFrom(join(dir, `part-${shard}.quarantine.jsonl`))] : [fileBytesFrom(join(dir, `head-${shard}.quarantine.jsonl`)), fileBytesFrom(join(dir, `part-${shard}.quarantine.jsonl`), second[shard].quarantineFrom)];
      for (const source of sources) yield* shiftQuarantineLines(source, shift, `shard ${shard}`);
    }
  }
  await pipeline(shiftedQuarantine(), createWriteStream(join(dir, 'fanout.quarantine.jsonl')));
  const quarantineSeconds = (performance.now() - quarantineStarted) / 1000;
  const copied = await copies;
  const assembled = performance.now();
  cpu.assembled = cpuSeconds();
  const finished = await Promise.all(workers.map((worker) => worker.ask({ kind: 'finish' })));
  workers.forEach((worker) => worker.close());
  const result = combineShardResults(finished.map((w) => w.result), size);
  const done = performance.now();
  const seconds = (/** @type {number} */ from, /** @type {number} */ to) => (to - from) / 1000;
  return {
    seconds: seconds(started, done),
    shards: plan.ranges.length,
    rerunShards: rerun.length,
    knownIds: rerun.reduce((sum, shard) => sum + facts.knownIds[shard].length, 0),
    phases: {
      planAndStartSeconds: seconds(started, planned),
      passOneSeconds: seconds(planned, passOne),
      mergeSeconds: seconds(passOne, merged),
      passTwoSeconds: seconds(merged, passTwo),
      assemblySeconds: seconds(passTwo, assembled),
      recordsCopySeconds: Math.max(...copied.map((copy) => copy.seconds)),
      quarantineSeconds,
      combineSeconds: seconds(assembled, done),
    },
    parentCpuSeconds: cpuSeconds() - parentCpu,
    parentCpu: {
      planAndStartSeconds: cpu.planned - parentCpu,
      passOneSeconds: cpu.passOne - cpu.planned,
      mergeSeconds: cpu.merged - cpu.passOne,
      passTwoSeconds: cpu.passTwo - cpu.merged,
      assemblySeconds: cpu.assembled - cpu.passTwo,
      combineSeconds: cpuSeconds() - cpu.assembled,
    },
    workers: finished.map((w, i) => ({ bytes: plan.ranges.filter((range) => first[range.index].worker === i).reduce((sum, range) => sum + range.end - range.start, 0), cpuSeconds: w.cpuSeconds, passOneCpuSeconds: w.cpu.passOne, passTwoCpuSeconds: w.cpu.passTwo, recordsCopyCpuSeconds: w.cpu.assemble, combineSeconds: w.combineSeconds, peakRssMb: w.peakRssMb })),
    result,
  };
}

/** SHA-256 of a file, streamed (the records of a 1 GiB input pass 2 GiB). */
/** @param {string} file */
async function digest(file) {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file)) hash.update(chunk);
  return hash.digest('hex');
}

async function main() {
  const sizeMb = Number(option('--size-mb', '1024'));
  const workers = Number(option('--workers', '2'));
  const shardMb = Number(option('--shard-mb', '128'));
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
    /** @type {Record<string, string>} */
    const loads = { start: load() };
    process.stderr.write('single path …\n');
    const singleStarted = performance.now();
    const singleChild = startChild(['single', bundle, file, dir]);
    const singleRun = await singleChild.next();
    singleChild.close();
    const singleSeconds = (performance.now() - singleStarted) / 1000;
    loads.single = load();
    process.stderr.write(`fan-out with ${workers} workers …\n`);
    const fanned = await fanOut(bundle, api, file, dir, workers, shardMb * MIB);
    loads.fanOut = load();
    const same =
      (await digest(join(dir, 'single.jsonl'))) === (await digest(join(dir, 'fanout.jsonl'))) &&
      (await digest(join(dir, 'single.quarantine.jsonl'))) === (await digest(join(dir, 'fanout.quarantine.jsonl'))) &&
      JSON.stringify(singleRun.result) === JSON.stringify(fanned.result);
    const p = fanned.phases;
    // Without the local records copy: the assembly as long as the quarantine rewrite alone.
    const withoutConcatenation = fanned.seconds - p.assemblySeconds + Math.min(p.assemblySeconds, p.quarantineSeconds);
    const speedup = singleSeconds / fanned.seconds;
    // On a loaded machine wall time swings: the critical path in CPU (the parent's own work plus the
    // busiest worker's) is what two idle cores would take.
    const busiest = Math.max(...fanned.workers.map((w) => w.cpuSeconds));
    const cpuFanOut = fanned.parentCpuSeconds + busiest;
    // The same without the workers' local records copy (S3: a server-side UploadPartCopy, no Lambda CPU).
    const cpuFanOutWithoutCopy = fanned.parentCpuSeconds + Math.max(...fanned.workers.map((w) => w.cpuSeconds - w.recordsCopyCpuSeconds));
    const totalCpu = fanned.parentCpuSeconds + fanned.workers.reduce((sum, w) => sum + w.cpuSeconds, 0);
    const mbps = (/** @type {number} */ seconds) => (bytes / MIB / seconds).toFixed(1);
    const f = (/** @type {number} */ seconds) => seconds.toFixed(2);
    console.log(`\nfile ${file}: ${(bytes / MIB).toFixed(0)} MiB; ${fanned.shards} shards of ~${shardMb} MiB, ${workers} workers; node ${process.version}`);
    console.log(`load average (1/5/15 min): at start ${loads.start}, after single ${loads.single}, after fan-out ${loads.fanOut}`);
    console.log(`single path     ${f(singleSeconds)} s wall, cpu ${f(singleRun.cpuSeconds)} s  ${mbps(singleSeconds)} MB/s  peak RSS ${singleRun.peakRssMb.toFixed(0)} MB`);
    console.log(`fan-out path    ${f(fanned.seconds)} s wall (${f(withoutConcatenation)} s without the local records concatenation)  ${mbps(fanned.seconds)} MB/s`);
    console.log(
      `  plan + worker start ${f(p.planAndStartSeconds)} s, pass one ${f(p.passOneSeconds)} s, merge ${f(p.mergeSeconds)} s (${fanned.knownIds} ids known to ${fanned.rerunShards} shards), ` +
        `pass two ${f(p.passTwoSeconds)} s (head reruns), assembly ${f(p.assemblySeconds)} s (records copied to their offsets by the workers in ${f(p.recordsCopySeconds)} s, quarantine rewritten by the parent in ${f(p.quarantineSeconds)} s), combine ${f(p.combineSeconds)} s`,
    );
    fanned.workers.forEach((w, i) =>
      console.log(
        `  worker ${i}: cpu ${f(w.cpuSeconds)} s (pass one ${f(w.passOneCpuSeconds)} s over ${(w.bytes / MIB).toFixed(0)} MiB = ${(w.bytes / MIB / w.passOneCpuSeconds).toFixed(1)} MB/s per cpu-second, pass two ${f(w.passTwoCpuSeconds)} s, local records copy ${f(w.recordsCopyCpuSeconds)} s), peak RSS ${w.peakRssMb.toFixed(0)} MB`,
      ),
    );
    const c = fanned.parentCpu;
    console.log(
      `  parent cpu ${f(fanned.parentCpuSeconds)} s: plan + start ${f(c.planAndStartSeconds)}, during pass one ${f(c.passOneSeconds)}, merge ${f(c.mergeSeconds)}, during pass two ${f(c.passTwoSeconds)}, ` +
        `assembly (quarantine) ${f(c.assemblySeconds)}, combine ${f(c.combineSeconds)}; all processes ${f(totalCpu)} s`,
    );
    console.log(`by CPU: single ${f(singleRun.cpuSeconds)} s, fan-out critical path (parent + busiest worker) ${f(cpuFanOut)} s: ${(singleRun.cpuSeconds / cpuFanOut).toFixed(2)}×; without the local records copy ${f(cpuFanOutWithoutCopy)} s: ${(singleRun.cpuSeconds / cpuFanOutWithoutCopy).toFixed(2)}×`);
    console.log(`outputs identical to the single path: ${same ? 'yes' : 'NO'}`);
    console.log(`speed-up by wall ${speedup.toFixed(2)}× with the local concatenation (target ≥ ${TARGET_SPEEDUP}× with 2 workers: ${speedup >= TARGET_SPEEDUP ? 'met' : 'missed'}), ${(singleSeconds / withoutConcatenation).toFixed(2)}× without it (S3 joins parts server side)\n`);
    console.log(JSON.stringify({ bench: 'fanout', sizeMiB: sizeMb, bytes, workers, shardMiB: shardMb, loads, single: { seconds: singleSeconds, cpuSeconds: singleRun.cpuSeconds, peakRssMb: singleRun.peakRssMb }, fanOut: { ...fanned, result: undefined }, identical: same, speedup, speedupWithoutConcatenation: singleSeconds / withoutConcatenation, cpuSpeedup: singleRun.cpuSeconds / cpuFanOut, cpuSpeedupWithoutCopy: singleRun.cpuSeconds / cpuFanOutWithoutCopy }));
    if (!same) process.exitCode = 1;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

if (process.argv[2] === '--child') await child();
else await main();
