// @ts-check
/**
 * The paths bench:fanout times, each in child processes (bench-children.mjs): the single path, the
 * independent slices (the ceiling) and the fan-out path, as the parent of a Distributed Map runs it.
 */
import { fork } from 'node:child_process';
import { createHash } from 'node:crypto';
import { closeSync, createReadStream, createWriteStream, openSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { fileURLToPath } from 'node:url';
import { MIB, cpuSeconds, fileReader } from './local-files.mjs';

const CHILDREN = fileURLToPath(new URL('./bench-children.mjs', import.meta.url));

/**
 * @typedef {any} Api
 * @typedef {Record<string, any>} Message
 * @typedef {{ next: () => Promise<Message>, ask: (task: Message) => Promise<Message>, close: () => void }} Child
 */

/** A child process and a promise-returning `ask` for one reply per message. */
/** @param {string[]} args @returns {Child} */
export function startChild(args) {
  const proc = fork(CHILDREN, args, { stdio: ['ignore', 'inherit', 'inherit', 'ipc'], serialization: 'advanced' });
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
export async function fanOut(bundle, fanOutApi, file, dir, workerCount, shardBytes, copyRecords) {
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
  if (copyRecords) closeSync(openSync(output, 'w'));
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
export async function digest(pieces) {
  const hash = createHash('sha256');
  for (const { from, start, end } of pieces) if (end > start) for await (const chunk of createReadStream(from, { start, end: end - 1, highWaterMark: MIB })) hash.update(chunk);
  return hash.digest('hex');
}
/** @param {string} file */
export const wholeFile = (file) => [{ from: file, start: 0, end: statSync(file).size }];

/**
 * The ceiling: the single path over `count` slices of the file at once, each its own process with
 * nothing shared (see `slice`). Slices end on line feeds, as shards do.
 * @param {string} bundle @param {Api} api @param {string} file @param {string} dir @param {number} count
 */
export async function independentSlices(bundle, api, file, dir, count) {
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
