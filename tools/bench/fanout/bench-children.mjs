// @ts-check
/**
 * bench:fanout's child processes, forked by fan-out-paths.mjs: `single` (the single path over the
 * whole file), `slice` (the single path over one slice, for the ceiling) and `worker` (a long-lived
 * fan-out worker taking tasks over IPC, as a Distributed Map's Lambdas take items).
 *
 *   node bench-children.mjs <single|slice|worker> <bundle> <file> <dir> [planFile] [prefixEnd start end]
 */
import { closeSync, createReadStream, createWriteStream, openSync, readFileSync, readSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { pathToFileURL } from 'node:url';
import { MIB, cpuSeconds, fileBytesFrom, fileChunks, filePart, fileReader } from './local-files.mjs';

const CSV = { kind: 'csv', gzip: false };

/**
 * The bundled processing API (processing/index.ts and fan-out/index.ts), imported at run time; a
 * task or reply crossing a process boundary is a plain object.
 * @typedef {any} Api
 * @typedef {Record<string, any>} Message
 * @typedef {import('./local-files.mjs').FilePart} FilePart
 */

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
  const [, , mode, bundle, file, dir, planFile] = process.argv;
  if (mode === undefined || bundle === undefined || file === undefined || dir === undefined) throw new Error('fanout-bench: a child needs its mode, bundle, file and directory');
  if (mode === 'single') await single(bundle, file, dir);
  else if (mode === 'slice') {
    const [prefixEnd = 0, start = 0, end = 0] = process.argv.slice(7, 10).map(Number);
    await slice(bundle, file, dir, prefixEnd, start, end);
  }
  else await worker(bundle, file, dir, JSON.parse(readFileSync(planFile ?? '', 'utf8')));
}

await child();
