import type { FileFormat } from '../file-format.js';
import { processTransactionStream } from '../process-transaction-stream.js';
import { PermanentError } from '../errors.js';
import type { ProcessOptions, ProcessSinks, ProcessingResult, QuarantineEntry } from '../types.js';
import { combineShardResults } from './combine-shard-results.js';
import { mergeIdRuns } from './merge-id-runs.js';
import { shardIdRun } from './shard-id-pass.js';
import { prefixLineFeeds, shardBytes, type LineFeedCounter } from './shard-bytes.js';
import { planShards, type RangeReader, type ShardPlan } from './shard-plan.js';

export interface ShardedProcessOptions extends Omit<ProcessOptions, 'knownIds'> {
  readonly size: number;
  readonly shardBytes: number;
  /**
   * Tries per shard in pass two before the file fails, as the Distributed Map's Retry does; a
   * PermanentError (bad input) is never retried.
   * @default 3
   */
  readonly attempts?: number;
}

/** What pass one learned about every shard, which pass two needs. */
export interface ShardFacts {
  /** 1-based physical line of each shard's first byte. */
  readonly firstLines: readonly number[];
  /** Per shard, the ids its rows share with earlier shards, sorted. */
  readonly knownIds: readonly string[][];
  /** Line feeds in the prefix each later shard reads first. */
  readonly prefixLines: number;
}

/**
 * A file processed as the fan-out path does, in one process and shard by shard: plan, pass one
 * (id runs and line counts), merge, pass two. Its sinks receive exactly what the single path
 * (processTransactionStream) gives for the same file, in the same order, and so does its result;
 * the differential tests hold it to that. The state machine runs the same steps as separate tasks.
 */
export async function processInShards(read: RangeReader, format: FileFormat, sinks: ProcessSinks, options: ShardedProcessOptions): Promise<ProcessingResult & { shards: number }> {
  if (format.gzip) throw new RangeError('fan-out: a gzip stream cannot be split at byte ranges');
  const plan = await planShards(read, { size: options.size, shardBytes: options.shardBytes, kind: format.kind, maxRecordBytes: options.maxRecordBytes });
  const facts = await firstPass(read, format, plan, options);
  const results: ProcessingResult[] = [];
  for (const range of plan.ranges) results.push(await processShardPart(read, format, plan, range.index, facts, sinks, options));
  return { ...combineShardResults(results, plan.size), shards: plan.ranges.length };
}

/** Pass one and the merge: each shard's id run and line count, then who knows which ids. */
export async function firstPass(read: RangeReader, format: FileFormat, plan: ShardPlan, options: ProcessOptions = {}): Promise<ShardFacts> {
  const runs: string[][] = [];
  const firstLines: number[] = [];
  let line = 1;
  for (const range of plan.ranges) {
    const counter: LineFeedCounter = { lineFeeds: 0 };
    runs.push(await shardIdRun(shardBytes(read, plan, range, counter), format, options));
    firstLines.push(line);
    line += counter.lineFeeds;
  }
  const knownIds: string[][] = plan.ranges.map(() => []);
  await mergeIdRuns(runs, (shard, id) => {
    knownIds[shard]!.push(id);
  });
  const prefixLines = plan.prefixEnd > 0 ? prefixLineFeeds(await read(0, plan.prefixEnd)) : 0;
  return { firstLines, knownIds, prefixLines };
}

/**
 * One shard's pass two as its own part: output is kept until the shard succeeds and then handed on,
 * so a failed try leaves nothing behind and the retry writes the part once (in AWS each shard
 * writes its own part objects, replaced by a retry, and the merge joins them in order).
 */
async function processShardPart(
  read: RangeReader,
  format: FileFormat,
  plan: ShardPlan,
  shard: number,
  facts: ShardFacts,
  sinks: ProcessSinks,
  options: ShardedProcessOptions,
): Promise<ProcessingResult> {
  const attempts = options.attempts ?? 3;
  for (let attempt = 1; ; attempt++) {
    const part = new ShardPart();
    try {
      const result = await processShard(read, format, plan, shard, facts, part, options);
      await part.handTo(sinks);
      return result;
    } catch (error) {
      if (error instanceof PermanentError || attempt >= attempts) throw error;
    }
  }
}

/** A shard's output held until the shard has succeeded. */
class ShardPart implements ProcessSinks {
  private readonly lines: Buffer[] = [];
  private readonly entries: QuarantineEntry[] = [];

  // Properties, not methods: processShard hands them on unbound.
  readonly processed = (lines: Uint8Array): void => void this.lines.push(Buffer.from(lines));
  readonly quarantined = (entry: QuarantineEntry): void => void this.entries.push(entry);

  async handTo(sinks: ProcessSinks): Promise<void> {
    if (this.lines.length > 0) await sinks.processed(Buffer.concat(this.lines));
    for (const entry of this.entries) await sinks.quarantined(entry);
  }
}

/**
 * Pass two for one shard: processes its bytes knowing the ids earlier shards hold and reports
 * quarantine lines as the file's lines. A retry repeats exactly the same output.
 */
export async function processShard(
  read: RangeReader,
  format: FileFormat,
  plan: ShardPlan,
  shard: number,
  facts: ShardFacts,
  sinks: ProcessSinks,
  options: ProcessOptions = {},
): Promise<ProcessingResult> {
  const range = plan.ranges[shard]!;
  // The shard's first line is read as line prefixLines + 1 (line 1 for the first shard).
  const shift = shard === 0 ? 0 : facts.firstLines[shard]! - 1 - facts.prefixLines;
  return processTransactionStream(
    shardBytes(read, plan, range),
    format,
    { processed: sinks.processed, quarantined: (entry) => sinks.quarantined({ ...entry, line: entry.line + shift }) },
    { ...options, knownIds: facts.knownIds[shard] },
  );
}
