import { fanOutKeysOf } from '../pipeline/fan-out/fan-out-keys.js';
import type { FanOutEvent, ShardItem } from '../pipeline/fan-out/fan-out-event.js';
import { s3RangeReader } from '../pipeline/fan-out/s3-objects.js';
import { putJson } from '../pipeline/object-io.js';
import { GzipNotSplittableError } from '../processing/index.js';
import { planShards } from '../processing/fan-out/index.js';
import { createAwsClients } from '../runtime/aws-clients.js';
import { PIPELINE_ENV, requireEnv } from '../runtime/env.js';
import { createObservability, pipelineHandler } from '../runtime/pipeline-handler.js';

export interface PlanShardsEvent extends FanOutEvent {
  /** Target bytes per shard (the environment's processing.shardMb, or the local run's --shard-bytes). */
  readonly shardBytes: number;
}

export interface PlanShardsResult {
  readonly bucket: string;
  /** Pass one's item source for the Distributed Map's ItemReader. */
  readonly itemsKey: string;
  /** Where the maps' ResultWriter puts their results. */
  readonly mapResultsPrefix: string;
  readonly shards: number;
}

const env = requireEnv(PIPELINE_ENV);
const clients = createAwsClients();
const observability = createObservability();

/**
 * Fan-out step one: byte ranges of about `shardBytes`, each ending on a line feed, found with a
 * few ranged GETs around each cut (planShards), written to S3 with the item list the Distributed
 * Map reads — the ranges never pass through the execution's state. A gzip stream cannot be cut at
 * a byte offset without decoding everything before it, so a gzipped file this large is rejected
 * whole (gzip_not_splittable), down the same failure path as any other rejected file.
 */
export const handler = pipelineHandler<PlanShardsEvent, PlanShardsResult>(observability, async ({ run, shardBytes }) => {
  if (run.format.gzip) throw new GzipNotSplittableError(run.size);
  const keys = fanOutKeysOf(run, env);
  const plan = await planShards(s3RangeReader(clients.s3, run.bucket, run.key, run.versionId), { size: run.size, shardBytes, kind: run.format.kind });
  await putJson(clients.s3, run.bucket, keys.plan, plan);
  await putJson(clients.s3, run.bucket, keys.items, plan.ranges.map((range): ShardItem => ({ shard: range.index })));
  observability.logger.info('shards planned', { runId: run.runId, shards: plan.ranges.length, shardBytes });
  return { bucket: run.bucket, itemsKey: keys.items, mapResultsPrefix: keys.mapResults, shards: plan.ranges.length };
});
