import { PutObjectCommand } from '@aws-sdk/client-s3';
import { putJson } from '../pipeline/object-io.js';
import { fanOutKeysOf } from '../pipeline/fan-out/fan-out-keys.js';
import type { FanOutEvent, MergeFacts, ShardItem, ShardPassRecord } from '../pipeline/fan-out/fan-out-event.js';
import { idRunFromRanges } from '../pipeline/fan-out/id-run-reader.js';
import { getJson, s3RangeReader } from '../pipeline/fan-out/s3-objects.js';
import { encodeIdRunLine, shardFacts } from '../processing/fan-out/index.js';
import { headObject } from '../pipeline/object-io.js';
import { createAwsClients } from '../runtime/aws-clients.js';
import { PIPELINE_ENV, requireEnv } from '../runtime/env.js';
import { createObservability, pipelineHandler } from '../runtime/pipeline-handler.js';

export interface MergeShardsEvent extends FanOutEvent {
  readonly shards: number;
}

export interface MergeShardsResult {
  readonly bucket: string;
  /** Pass two's item source: the shards to rerun (possibly none). */
  readonly rerunsKey: string;
  readonly reruns: number;
}

const env = requireEnv(PIPELINE_ENV);
const clients = createAwsClients();
const observability = createObservability();

/** Memory the merge gives to reading ahead in the runs, spread over the shards. */
const READ_AHEAD_BYTES = 256 * 1024 * 1024;

/**
 * Fan-out step three, after pass one: numbers the shards' lines (prefix sums of their line feeds)
 * and merges their sorted id runs (shardFacts), reading each run in ranged chunks, so an id seen
 * in shard 2 and again in shard 7 is handed to shard 7 as known. Writes each such shard's known
 * ids and the list of shards pass two reruns; a file without cross-shard duplicates has none.
 */
export const handler = pipelineHandler<MergeShardsEvent, MergeShardsResult>(observability, async ({ run, shards }) => {
  const keys = fanOutKeysOf(run, env);
  const chunkBytes = Math.max(64 * 1024, Math.min(8 * 1024 * 1024, Math.floor(READ_AHEAD_BYTES / Math.max(1, shards))));
  const passes = await Promise.all(
    Array.from({ length: shards }, async (_, shard) => {
      const out = keys.pass(shard, 1);
      const [record, head] = await Promise.all([getJson<ShardPassRecord>(clients.s3, run.bucket, out.result), headObject(clients.s3, run.bucket, out.idRun)]);
      return { lineFeeds: record.lineFeeds, idRun: idRunFromRanges(s3RangeReader(clients.s3, run.bucket, out.idRun), head.size, chunkBytes) };
    }),
  );
  const facts = await shardFacts(passes);
  const reruns = facts.knownIds.flatMap((ids, shard) => (ids.length > 0 ? [shard] : []));
  await Promise.all(
    reruns.map((shard) =>
      clients.s3.send(
        new PutObjectCommand({ Bucket: run.bucket, Key: keys.knownIds(shard), Body: facts.knownIds[shard]!.map(encodeIdRunLine).join(''), ContentType: 'text/plain' }),
      ),
    ),
  );
  const merged: MergeFacts = { firstLines: facts.firstLines, reruns };
  await putJson(clients.s3, run.bucket, keys.facts, merged);
  await putJson(clients.s3, run.bucket, keys.reruns, reruns.map((shard): ShardItem => ({ shard })));
  observability.logger.info('id runs merged', { runId: run.runId, shards, reruns: reruns.length });
  return { bucket: run.bucket, rerunsKey: keys.reruns, reruns: reruns.length };
});
