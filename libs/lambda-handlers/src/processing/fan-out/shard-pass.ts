import { PermanentError } from '../errors.js';
import type { FileFormat } from '../file-format.js';
import { processTransactionStream } from '../process-transaction-stream.js';
import type { ProcessOptions, ProcessingResult, QuarantineEntry } from '../types.js';
import { shardBytes, type LineFeedCounter } from './shard-bytes.js';
import { idRunOfIndex } from './index-id-run.js';
import type { RangeReader, ShardPlan } from './shard-plan.js';

/** Where one shard's output goes: a part (an S3 object, a file, memory) that a retry replaces whole. */
export interface ShardPart {
  processed(lines: Uint8Array): void | Promise<void>;
  /** `entry.line` as the shard's processor counted it; the assembly shifts it to the file's line. */
  quarantined(entry: QuarantineEntry): void | Promise<void>;
}

/** What one pass over a shard learned, besides what it wrote to its part. */
export interface ShardPassResult {
  readonly result: ProcessingResult;
  /** The ids the shard's rows remembered, once each, as a binary run (id-run.ts) for mergeIdRuns: store it as is. */
  readonly idRun: Buffer;
  /** Line feeds in the shard's own bytes (its physical lines, for numbering the shards after it). */
  readonly lineFeeds: number;
}

/**
 * One pass of the processor over one shard (its prefix, then its range) into a fresh part. Pass
 * one runs it with no known ids; pass two reruns only the shards whose rows share ids with earlier
 * shards, with those ids known. Retries a transient failure up to `attempts` times, each try into a
 * new part from `newPart`, so a failed try leaves nothing in the output.
 */
export async function runShardPass(
  read: RangeReader,
  format: FileFormat,
  plan: ShardPlan,
  shard: number,
  newPart: () => ShardPart,
  options: ProcessOptions & { readonly attempts?: number } = {},
): Promise<ShardPassResult> {
  const attempts = options.attempts ?? 3;
  for (let attempt = 1; ; attempt++) {
    try {
      return await passOnce(read, format, plan, shard, newPart(), options);
    } catch (error) {
      if (error instanceof PermanentError || attempt >= attempts) throw error;
    }
  }
}

async function passOnce(read: RangeReader, format: FileFormat, plan: ShardPlan, shard: number, part: ShardPart, options: ProcessOptions): Promise<ShardPassResult> {
  const counter: LineFeedCounter = { lineFeeds: 0 };
  let idRun: Buffer | undefined;
  const result = await processTransactionStream(shardBytes(read, plan, plan.ranges[shard]!, counter), format, part, {
    ...options,
    onIdsDone: (ids) => (idRun = idRunOfIndex(ids)),
  });
  return { result, idRun: idRun!, lineFeeds: counter.lineFeeds };
}
