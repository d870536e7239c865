import type { FileFormat } from '../file-format.js';
import type { ProcessOptions, ProcessSinks, ProcessingResult, QuarantineEntry } from '../types.js';
import { combineShardResults } from './combine-shard-results.js';
import { prefixLineFeeds } from './shard-bytes.js';
import { lineShift, shardFacts } from './shard-facts.js';
import { runShardPass, type ShardPart, type ShardPassResult } from './shard-pass.js';
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
 *    with its sorted id run and line count;
 * 3. merge: line numbers and, per shard, the ids first seen on earlier shards (shardFacts);
 * 4. pass two, only the shards that have such ids: rerun with them known, replacing the part — so a
 *    file without cross-shard duplicates is read once;
 * 5. assembly: parts in shard order (in AWS, a multipart upload copy), quarantine lines shifted to
 *    the file's, results combined.
 * The sinks receive exactly what the single path (processTransactionStream) gives for the same
 * file, and so does the result; the differential tests hold it to that. Parts are kept in memory
 * here, so this suits tests and modest files; the local bench and the Lambdas write them out.
 */
export async function processInShards(read: RangeReader, format: FileFormat, sinks: ProcessSinks, options: ShardedProcessOptions): Promise<ProcessingResult & { shards: number }> {
  if (format.gzip) throw new RangeError('fan-out: a gzip stream cannot be split at byte ranges');
  const plan = await planShards(read, { size: options.size, shardBytes: options.shardBytes, kind: format.kind, maxRecordBytes: options.maxRecordBytes });
  const parts: MemoryPart[] = [];
  const passes: ShardPassResult[] = [];
  for (const range of plan.ranges) {
    passes.push(await runShardPass(read, format, plan, range.index, () => (parts[range.index] = new MemoryPart()), options));
  }
  const facts = shardFacts(passes.map((pass) => ({ idRun: [pass.idRun], lineFeeds: pass.lineFeeds })));
  for (const [shard, knownIds] of facts.knownIds.entries()) {
    if (knownIds.length === 0) continue;
    passes[shard] = await runShardPass(read, format, plan, shard, () => (parts[shard] = new MemoryPart()), { ...options, knownIds });
  }
  const prefixLines = plan.prefixEnd > 0 ? prefixLineFeeds(await read(0, plan.prefixEnd)) : 0;
  for (const [shard, part] of parts.entries()) await part.handTo(sinks, lineShift(facts, shard, prefixLines));
  return { ...combineShardResults(passes.map((pass) => pass.result), plan.size), shards: plan.ranges.length };
}

/** A shard's output held in memory until the file is assembled. */
class MemoryPart implements ShardPart {
  private readonly lines: Buffer[] = [];
  private readonly entries: QuarantineEntry[] = [];

  // Properties, not methods: they are handed on unbound.
  readonly processed = (lines: Uint8Array): void => void this.lines.push(Buffer.from(lines));
  readonly quarantined = (entry: QuarantineEntry): void => void this.entries.push(entry);

  async handTo(sinks: ProcessSinks, lineShift: number): Promise<void> {
    if (this.lines.length > 0) await sinks.processed(Buffer.concat(this.lines));
    for (const entry of this.entries) await sinks.quarantined({ ...entry, line: entry.line + lineShift });
  }
}
