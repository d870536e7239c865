import { GzipNotSplittableError } from '../errors.js';
import type { FileFormat } from '../file-format.js';
import type { ProcessOptions, ProcessSinks, ProcessingResult, QuarantineEntry } from '../types.js';
import { combineShardResults } from './combine-shard-results.js';
import { prefixLineFeeds } from './shard-bytes.js';
import { lineShift, shardFacts } from './shard-facts.js';
import { runShardPass, type ShardPart, type ShardPassResult } from './shard-pass.js';
import { rerunShardHead, type ShardRerun } from './shard-rerun.js';
import { planShards, type RangeReader } from './shard-plan.js';

export interface ShardedProcessOptions extends Omit<ProcessOptions, 'knownIds'> {
  readonly size: number;
  readonly shardBytes: number;
  /**
   * Tries per shard before the file fails, as the Distributed Map's Retry does; a PermanentError
   * (bad input) is never retried.
   * @default 3
   */
  readonly attempts?: number;
}

/**
 * A file processed the way the fan-out path does, in one process:
 * 1. plan: byte ranges of about `shardBytes` ending on line boundaries (planShards);
 * 2. pass one, every shard (in AWS, in parallel): the processor over the shard into its own part,
 *    with its id run and line count;
 * 3. merge: line numbers and, per shard, the ids first seen on earlier shards (shardFacts);
 * 4. pass two, only the shards that have such ids: the shard's head rerun with them known, up to
 *    the last row that changes, into a head part (rerunShardHead) — pass one's part after it stands;
 * 5. assembly: parts in shard order (in AWS, a multipart upload copy), quarantine lines shifted to
 *    the file's, results combined.
 * The sinks receive exactly what the single path (processTransactionStream) gives for the same
 * file, and so does the result; the differential tests hold it to that. Parts are kept in memory
 * here, so this suits tests and modest files; the local bench and the Lambdas write them out.
 */
export async function processInShards(read: RangeReader, format: FileFormat, sinks: ProcessSinks, options: ShardedProcessOptions): Promise<ProcessingResult & { shards: number }> {
  if (format.gzip) throw new GzipNotSplittableError(options.size);
  const plan = await planShards(read, { size: options.size, shardBytes: options.shardBytes, kind: format.kind, maxRecordBytes: options.maxRecordBytes });
  const parts: MemoryPart[] = [];
  const passes: ShardPassResult[] = [];
  for (const range of plan.ranges) {
    passes.push(await runShardPass(read, format, plan, range.index, () => (parts[range.index] = new MemoryPart()), options));
  }
  const facts = shardFacts(passes.map((pass) => ({ idRun: [pass.idRun], lineFeeds: pass.lineFeeds })));
  const results = passes.map((pass) => pass.result);
  const heads: { part: MemoryPart; rerun: ShardRerun }[] = [];
  for (const [shard, knownIds] of facts.knownIds.entries()) {
    if (knownIds.length === 0) continue;
    const passOne = { result: passes[shard]!.result, records: () => parts[shard]!.recordBytes(), quarantine: () => parts[shard]!.quarantineBytes() };
    let head = new MemoryPart();
    const rerun = await rerunShardHead(read, format, plan, shard, knownIds, passOne, () => (head = new MemoryPart()), options);
    heads[shard] = { part: head, rerun };
    results[shard] = rerun.result;
  }
  const prefixLines = plan.prefixEnd > 0 ? prefixLineFeeds(await read(0, plan.prefixEnd)) : 0;
  for (const [shard, part] of parts.entries()) {
    const shift = lineShift(facts, shard, prefixLines);
    const head = heads[shard];
    if (head !== undefined) await head.part.handTo(sinks, shift, 0, 0);
    await part.handTo(sinks, shift, head?.rerun.recordsFrom ?? 0, head?.rerun.quarantineFrom ?? 0);
  }
  return { ...combineShardResults(results, plan.size), shards: plan.ranges.length };
}

/** A shard's output held in memory, as the bytes a part's two files would hold, until the file is assembled. */
class MemoryPart implements ShardPart {
  private readonly records: Buffer[] = [];
  private readonly quarantine: string[] = [];

  // Properties, not methods: they are handed on unbound.
  readonly processed = (lines: Uint8Array): void => void this.records.push(Buffer.from(lines));
  readonly quarantined = (entry: QuarantineEntry): void => void this.quarantine.push(`${JSON.stringify(entry)}\n`);

  async *recordBytes(): AsyncGenerator<Uint8Array> {
    yield* this.records;
  }

  async *quarantineBytes(): AsyncGenerator<Uint8Array> {
    for (const line of this.quarantine) yield Buffer.from(line, 'utf8');
  }

  /** Hands the part on from byte `recordsFrom` of its records and `quarantineFrom` of its quarantine, lines shifted to the file's. */
  async handTo(sinks: ProcessSinks, lineShift: number, recordsFrom: number, quarantineFrom: number): Promise<void> {
    const records = Buffer.concat(this.records).subarray(recordsFrom);
    if (records.length > 0) await sinks.processed(records);
    const quarantine = Buffer.from(this.quarantine.join(''), 'utf8').subarray(quarantineFrom);
    for (const line of quarantine.toString('utf8').split('\n')) {
      if (line.length === 0) continue;
      const entry = JSON.parse(line) as QuarantineEntry;
      await sinks.quarantined({ ...entry, line: entry.line + lineShift });
    }
  }
}
