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
import { benchOptions } from './bench-options.mjs';

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

/** A file's bytes `[start, end)` in 1 MiB pieces, read synchronously (the merge pulls one id at a time from every run); a fresh buffer each, as IdRunReader needs. */
/** @param {string} file @param {number} start @param {number} end */
function* fileChunks(file, start, end) {
  const fd = openSync(file, 'r');
  try {
    for (let at = start; at < end; ) {
      const buffer = Buffer.allocUnsafe(Math.min(MIB, end - at));
      const length = readSync(fd, buffer, 0, buffer.length, at);
      if (length === 0) throw new Error(`${file} ends at ${at}, before ${end}`);
      yield buffer.subarray(0, length);
      at += length;
    }
  } finally {
    closeSync(fd);
  }
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

/**
 * The single path over one slice of the file (the header prefix, then the slice's bytes) into its
 * own files, nothing shared with the other slices: N of these at once are what N workers give with
 * no coordination at all (no id runs, merge, reruns or assembly), the ceiling of any exact fan-out.
 * @param {string} bundle @param {string} file @param {string} dir @param {number} prefixEnd @param {number} start @param {number} end
 */
async function slice(bundle, file, dir, prefixEnd, start, end) {
  const started = performance.now();
  const { processTransactionStream } = await import(pathToFileURL(bundle).href);
  const part = filePart(dir, `slice-${start}`);
  async function* bytes() {
    if (start > 0 && prefixEnd > 0) yield* createReadStream(file, { start: 0, end: prefixEnd - 1 });
    yield* createReadStream(file, { start, end: end - 1, highWaterMark: 64 * 1024 });
  }
  const result = await processTransactionStream(bytes(), CSV, part);
  part.close();
  process.send?.({ seconds: (performance.now() - started) / 1000, cpuSeconds: cpuSeconds(), peakRssMb: process.resourceUsage().maxRSS / 1024, records: result.records });
}

/** @param {string} bundle @param {string} file @param {string} dir @param {Message} plan */
async function worker(bundle, file, dir, plan) {
  /** @type {Api} */
  const api = await import(pathToFileURL(bundle).href);
  const read = fileReader(file);
  const results = new Map();
  /** @type {Record<string, number>} */
  const cpu = { passOne: 0, merge: 0, passTwo: 0, combine: 0, quarantine: 0, assemble: 0 };
  /** @type {Record<string, (task: Message) => Promise<Message>>} */
  const handlers = {
    async passOne({ shard }) {
      /** @type {FilePart | undefined} */
      let part;
      const pass = await api.runShardPass(read, CSV, plan, shard, () => (part?.close(), (part = filePart(dir, `part-${shard}`))));
      part?.close();
      writeFileSync(join(dir, `ids-${shard}.bin`), pass.idRun);
      results.set(shard, pass.result);
      return { lineFeeds: pass.lineFeeds, recordsBytes: statSync(join(dir, `part-${shard}.jsonl`)).size, sliceStarts: api.hashSliceStarts(pass.idRun) };
    },
    /** Its hash range of the merge: the same slice of every shard's id run (hashSliceStarts), merged. */
    async merge({ slices }) {
      return { knownIds: api.knownIdsOf(slices.map((/** @type {Message} */ slice) => fileChunks(slice.file, slice.start, slice.end))) };
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
        const source = openSync(from, 'r');
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
    /** Rewrites the line numbers of its shards' quarantine entries to the file's (each shard into its own file, the parent joins them). */
    async quarantine({ shards }) {
      for (const { shard, shift, quarantineFrom } of shards) {
        const sources = quarantineFrom === undefined ? [fileBytesFrom(join(dir, `part-${shard}.quarantine.jsonl`))] : [fileBytesFrom(join(dir, `head-${shard}.quarantine.jsonl`)), fileBytesFrom(join(dir, `part-${shard}.quarantine.jsonl`), quarantineFrom)];
        async function* shifted() {
          for (const source of sources) yield* api.shiftQuarantineLines(source, shift, `shard ${shard}`);
        }
        await pipeline(shifted(), createWriteStream(join(dir, `shifted-${shard}.quarantine.jsonl`)));
      }
      return {};
    },
    /** Its shards' results summed (the parent sums the workers'). */
    async combine() {
      const started = performance.now();
      return { result: api.combineShardResults([...results.values()], plan.size), combineSeconds: (performance.now() - started) / 1000 };
    },
    async finish() {
      return { cpu, cpuSeconds: cpuSeconds(), peakRssMb: process.resourceUsage().maxRSS / 1024 };
    },
  };
  // One task at a time, in the order sent: the parent matches replies to tasks by order.
  let queue = Promise.resolve();
  process.on('message', (/** @type {Message} */ task) => {
    queue = queue.then(async () => {
      const before = cpuSeconds();
      const reply = await handlers[task.kind]?.(task);
      if (task.kind in cpu) cpu[task.kind] = (cpu[task.kind] ?? 0) + cpuSeconds() - before;
      process.send?.(reply);
    });
  });
  process.send?.({ ready: true });
}

async function child() {
  const [, , , mode, bundle, file, dir, planFile] = process.argv;
  if (mode === undefined || bundle === undefined || file === undefined || dir === undefined) throw new Error('fanout-bench: a child needs its mode, bundle, file and directory');
  if (mode === 'single') await single(bundle, file, dir);
  else if (mode === 'slice') {
    const [prefixEnd = 0, start = 0, end = 0] = process.argv.slice(8, 11).map(Number);
    await slice(bundle, file, dir, prefixEnd, start, end);
  }
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

/** @param {string} bundle @param {Api} fanOutApi @param {string} file @param {string} dir @param {number} workerCount @param {number} shardBytes @param {boolean} copyRecords */
async function fanOut(bundle, fanOutApi, file, dir, workerCount, shardBytes, copyRecords) {
  const { planShards, firstLinesOf, HASH_SLICES, lineShift, prefixLineFeeds, combineShardResults } = fanOutApi;
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
  const cpu = { planned: cpuSeconds(), passOne: 0, merged: 0, passTwo: 0 };
  const all = plan.ranges.map((range) => range.index);
  const first = await runTasks(workers, all.map((shard) => ({ kind: 'passOne', shard })));
  const passOne = performance.now();
  cpu.passOne = cpuSeconds();
  // The merge, split by hash over the workers (an id's records all fall in one hash range): each
  // merges the same slice of every run; a shard's known ids are the ranges' lists in range order.
  /** @type {number[]} */
  const edges = workers.map((_, w) => Math.round((w * HASH_SLICES) / workers.length)).concat(HASH_SLICES);
  const ranges = await Promise.all(
    workers.map((worker, w) =>
      worker.ask({ kind: 'merge', slices: all.map((shard) => ({ file: join(dir, `ids-${shard}.bin`), start: first[shard].sliceStarts[edges[w] ?? 0], end: first[shard].sliceStarts[edges[w + 1] ?? 0] })) }),
    ),
  );
  /** @type {{ firstLines: number[], knownIds: string[][] }} */
  const facts = { firstLines: firstLinesOf(all.map((shard) => first[shard].lineFeeds)), knownIds: all.map((shard) => ranges.flatMap((range) => range.knownIds[shard])) };
  const rerun = all.filter((shard) => (facts.knownIds[shard]?.length ?? 0) > 0);
  const merged = performance.now();
  cpu.merged = cpuSeconds();
  const second = await runTasks(workers, rerun.map((shard) => ({ kind: 'passTwo', shard, knownIds: facts.knownIds[shard] })), (task) => first[task.shard].worker);
  const passTwo = performance.now();
  cpu.passTwo = cpuSeconds();
  // Assembly. Records, per shard: the head part (if it was rerun), then pass one's part from
  // recordsFrom. With `copyRecords` each worker copies its shards' pieces to their offsets in one
  // file (what S3's server-side UploadPartCopy does on AWS, here on the workers' cores); without,
  // the records are the list of pieces, as a multipart upload's parts are, hashed in order by the
  // identity check. Quarantine: each worker rewrites its shards' entries' line numbers as bytes
  // (shiftQuarantineLines, never parsed), the parent joins them. Results: each worker sums its
  // shards', the parent the workers', while the workers shift and copy.
  /** @type {{ from: string, start: number, end: number, at: number, worker: number }[]} */
  const pieces = [];
  let at = 0;
  for (const shard of all) {
    /** @param {string} from @param {number} start @param {number} end */
    const piece = (from, start, end) => {
      pieces.push({ from: join(dir, from), start, end, at, worker: first[shard].worker });
      at += end - start;
    };
    if (second[shard] !== undefined) piece(`head-${shard}.jsonl`, 0, second[shard].headBytes);
    piece(`part-${shard}.jsonl`, second[shard]?.recordsFrom ?? 0, first[shard].recordsBytes);
  }
  const output = join(dir, 'fanout.jsonl');
  closeSync(openSync(output, 'w'));
  const prefixLines = prefixLineFeeds(await read(0, plan.prefixEnd));
  const ownShards = (/** @type {number} */ w) => all.filter((shard) => first[shard].worker === w);
  const combining = workers.map((worker) => worker.ask({ kind: 'combine' }));
  const shifting = workers.map((worker, w) =>
    worker.ask({ kind: 'quarantine', shards: ownShards(w).map((shard) => ({ shard, shift: lineShift(facts, shard, prefixLines), quarantineFrom: second[shard]?.quarantineFrom })) }),
  );
  const copies = copyRecords ? workers.map((worker, w) => worker.ask({ kind: 'assemble', output, writes: pieces.filter((piece) => piece.worker === w) })) : [];
  const combined = await Promise.all(combining);
  const result = combineShardResults(combined.map((reply) => reply.result), size);
  const resultAt = performance.now();
  await Promise.all(shifting);
  await pipeline(
    (async function* () {
      for (const shard of all) yield* createReadStream(join(dir, `shifted-${shard}.quarantine.jsonl`));
    })(),
    createWriteStream(join(dir, 'fanout.quarantine.jsonl')),
  );
  const quarantineAt = performance.now();
  const copied = await Promise.all(copies);
  const done = performance.now();
  const parentDone = cpuSeconds();
  const finished = await Promise.all(workers.map((worker) => worker.ask({ kind: 'finish' })));
  workers.forEach((worker) => worker.close());
  const seconds = (/** @type {number} */ from, /** @type {number} */ to) => (to - from) / 1000;
  return {
    seconds: seconds(started, done),
    shards: plan.ranges.length,
    rerunShards: rerun.length,
    knownIds: rerun.reduce((sum, shard) => sum + (facts.knownIds[shard]?.length ?? 0), 0),
    phases: {
      planAndStartSeconds: seconds(started, planned),
      passOneSeconds: seconds(planned, passOne),
      mergeSeconds: seconds(passOne, merged),
      passTwoSeconds: seconds(merged, passTwo),
      assemblySeconds: seconds(passTwo, done),
      resultSeconds: seconds(passTwo, resultAt),
      quarantineSeconds: seconds(passTwo, quarantineAt),
      recordsCopySeconds: Math.max(0, ...copied.map((copy) => copy.seconds)),
    },
    parentCpuSeconds: parentDone - parentCpu,
    parentCpu: {
      planAndStartSeconds: cpu.planned - parentCpu,
      passOneSeconds: cpu.passOne - cpu.planned,
      mergeSeconds: cpu.merged - cpu.passOne,
      passTwoSeconds: cpu.passTwo - cpu.merged,
      assemblySeconds: parentDone - cpu.passTwo,
    },
    workers: finished.map((w, i) => ({
      bytes: plan.ranges.filter((range) => first[range.index].worker === i).reduce((sum, range) => sum + range.end - range.start, 0),
      cpuSeconds: w.cpuSeconds,
      passOneCpuSeconds: w.cpu.passOne,
      mergeCpuSeconds: w.cpu.merge,
      passTwoCpuSeconds: w.cpu.passTwo,
      quarantineCpuSeconds: w.cpu.quarantine,
      combineCpuSeconds: w.cpu.combine,
      recordsCopyCpuSeconds: w.cpu.assemble,
      peakRssMb: w.peakRssMb,
    })),
    pieces,
    result,
  };
}

/** SHA-256 of byte ranges of files, in order, streamed (the records of a 1 GiB input pass 2 GiB). */
/** @param {{ from: string, start: number, end: number }[]} pieces */
async function digest(pieces) {
  const hash = createHash('sha256');
  for (const { from, start, end } of pieces) if (end > start) for await (const chunk of createReadStream(from, { start, end: end - 1, highWaterMark: MIB })) hash.update(chunk);
  return hash.digest('hex');
}
/** @param {string} file */
const wholeFile = (file) => [{ from: file, start: 0, end: statSync(file).size }];

/**
 * The ceiling: the single path over `count` slices of the file at once, each its own process with
 * nothing shared (see `slice`). Slices end on line feeds, as shards do.
 * @param {string} bundle @param {Api} api @param {string} file @param {string} dir @param {number} count
 */
async function independentSlices(bundle, api, file, dir, count) {
  const size = statSync(file).size;
  /** @type {{ ranges: { start: number, end: number }[], prefixEnd: number }} */
  const plan = await api.planShards(fileReader(file), { size, shardBytes: Math.ceil(size / count), kind: 'csv' });
  // A cut that moved to the next line feed can leave a last sliver: it joins the slice before it.
  const ranges = plan.ranges.slice(0, count);
  ranges[ranges.length - 1] = { start: ranges[ranges.length - 1]?.start ?? 0, end: size };
  const started = performance.now();
  const runs = await Promise.all(
    ranges.map(async ({ start, end }) => {
      const child = startChild(['slice', bundle, file, dir, '', String(plan.prefixEnd), String(start), String(end)]);
      const reply = await child.next();
      child.close();
      return reply;
    }),
  );
  return { seconds: (performance.now() - started) / 1000, slices: runs.length, records: runs.reduce((sum, run) => sum + run.records.total, 0), cpuSeconds: Math.max(...runs.map((run) => run.cpuSeconds)), peakRssMb: Math.max(...runs.map((run) => run.peakRssMb)) };
}

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

if (process.argv[2] === '--child') await child();
else await main();
