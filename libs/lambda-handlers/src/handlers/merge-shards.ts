import { putJson } from '../pipeline/object-io.js';
import { fanOutKeysOf } from '../pipeline/fan-out/fan-out-keys.js';
import type { FanOutEvent, IdRunFacts, MergeFacts, ShardItem } from '../pipeline/fan-out/fan-out-event.js';
import { mapInParallel } from '../pipeline/fan-out/map-in-parallel.js';
import { mergeInHashRanges } from '../pipeline/fan-out/merge-in-hash-ranges.js';
import { getJson, s3RangeReader } from '../pipeline/fan-out/s3-objects.js';
import { firstLinesOf } from '../processing/fan-out/index.js';
import { pipelineStepRuntime } from '../runtime/pipeline-step-runtime.js';
import { pipelineHandler } from '../runtime/pipeline-handler.js';

export interface MergeShardsEvent extends FanOutEvent {
  readonly shards: number;
  /**
   * Bytes of id runs merged at once, across shards (default MERGE_RANGE_BYTES, what the state
   * machine uses); the tests set it low to force many hash ranges.
   */
  readonly rangeBytes?: number;
}

export interface MergeShardsResult {
  readonly bucket: string;
  /** Pass two's item source: the shards to rerun (possibly none). */
  readonly rerunsKey: string;
  readonly reruns: number;
}

const { env, clients, observability } = pipelineStepRuntime();

/** Shards' ids.json (~3 KB each) fetched at once: latency-bound, like the run slices. */
const PARALLEL_FACT_READS = 32;

/**
 * Fan-out step three, after pass one: numbers the shards' lines (prefix sums of their line feeds)
 * and merges their id runs, so an id seen in shard 2 and again in shard 7 is handed to shard 7 as
 * known. The runs are read by hash range (mergeInHashRanges): each shard's ids.json says where
 * its run's hash slices start, and the merge fetches the same slices of every run with ranged GETs,
 * so it holds one range in memory and writes nothing to /tmp. Writes each such shard's known ids
 * and the list of shards pass two reruns; a file without cross-shard duplicates has none.
 */
export const handler = pipelineHandler<MergeShardsEvent, MergeShardsResult>(observability, async ({ run, shards, rangeBytes }) => {
  const keys = fanOutKeysOf(run, env);
  const shardNumbers = Array.from({ length: shards }, (_, shard) => shard);
  const runFacts = await mapInParallel(shardNumbers, PARALLEL_FACT_READS, (shard) => idRunFactsOf(run.bucket, keys.pass(shard, 1).idRunFacts, shard));
  const { knownIds, ranges } = await mergeInHashRanges(
    runFacts.map((facts, shard) => ({ sliceStarts: facts.sliceStarts, read: s3RangeReader(clients.s3, run.bucket, keys.pass(shard, 1).idRun) })),
    { budgetBytes: rangeBytes },
  );
  const reruns = knownIds.flatMap((ids, shard) => (ids.length > 0 ? [shard] : []));
  await Promise.all(reruns.map((shard) => putJson(clients.s3, run.bucket, keys.knownIds(shard), knownIds[shard])));
  const merged: MergeFacts = { firstLines: firstLinesOf(runFacts.map((facts) => facts.lineFeeds)), reruns };
  await putJson(clients.s3, run.bucket, keys.facts, merged);
  await putJson(clients.s3, run.bucket, keys.reruns, reruns.map((shard): ShardItem => ({ shard })));
  observability.logger.info('id runs merged', { runId: run.runId, shards, hashRanges: ranges, reruns: reruns.length });
  return { bucket: run.bucket, rerunsKey: keys.reruns, reruns: reruns.length };
});

/** A shard's ids.json; a pass one from before ids.json existed (a run in flight across a deploy) has none, which only a replay mends. */
async function idRunFactsOf(bucket: string, key: string, shard: number): Promise<IdRunFacts> {
  try {
    return await getJson<IdRunFacts>(clients.s3, bucket, key);
  } catch (error) {
    if ((error as Error).name !== 'NoSuchKey') throw error;
    throw new Error(`fan-out: shard ${shard} has no ${key} (its pass one ran on code from before the merge read it): replay the object version`);
  }
}
