import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { concatObjects } from '../pipeline/fan-out/concat-objects.js';
import { fanOutKeysOf } from '../pipeline/fan-out/fan-out-keys.js';
import { mapInParallel } from '../pipeline/fan-out/map-in-parallel.js';
import type { FanOutEvent, MergeFacts, ShardPassRecord } from '../pipeline/fan-out/fan-out-event.js';
import { getJson, objectBytes, s3RangeReader } from '../pipeline/fan-out/s3-objects.js';
import { JsonLinesUpload, putJson } from '../pipeline/object-io.js';
import { recordTransform } from '../pipeline/run-store.js';
import { outputKeysOf } from '../pipeline/source-object.js';
import { runSummary } from '../pipeline/summary.js';
import { combineShardResults, lineShift, prefixLineFeeds, shiftQuarantineLines, type ShardPlan } from '../processing/fan-out/index.js';
import type { ProcessingResult } from '../processing/index.js';
import { pipelineStepRuntime } from '../runtime/pipeline-step-runtime.js';
import { pipelineHandler } from '../runtime/pipeline-handler.js';
import type { TransformResult } from './transform-object.js';

export interface AssembleShardsEvent extends FanOutEvent {
  readonly shards: number;
}

const { env, clients, observability } = pipelineStepRuntime();

/** Shard results fetched at once: each is a few MB of JSON at most, and S3 latency hides behind the fold. */
const RESULTS_IN_FLIGHT = 8;

/** What the assembly keeps of a shard's pass record: where its parts are, without its result. */
const partsOf = ({ result: _result, ...parts }: ShardPassRecord): Omit<ShardPassRecord, 'result'> => parts;

/**
 * Fan-out's last step, after pass two: the run's outputs, byte for byte what the transform step
 * writes for the same file. Records are the shards' parts joined by a multipart upload copy
 * (concatObjects: S3 copies the large parts itself); quarantine entries are streamed through with
 * each line number shifted to the file's (shiftQuarantineLines); counts and aggregates are combined
 * exactly. Returns what the transform step returns, so load, record and notify run unchanged.
 */
export const handler = pipelineHandler<AssembleShardsEvent, TransformResult>(observability, async ({ run, shards }) => {
  const started = Date.now();
  const keys = fanOutKeysOf(run, env);
  const outputs = outputKeysOf(run, env);
  const [plan, facts] = await Promise.all([getJson<ShardPlan>(clients.s3, run.bucket, keys.plan), getJson<MergeFacts>(clients.s3, run.bucket, keys.facts)]);
  if (plan.ranges.length !== shards) throw new Error(`fan-out: the plan has ${plan.ranges.length} shards, the map ran ${shards}`);
  const reran = new Set(facts.reruns);
  // Each shard's result is folded into the file's as it arrives and then dropped: a shard carries
  // nearly every (account, currency, date) group, so holding all of them at once (977 shards of a
  // 500 GB file) would need the groups times the shards in memory; the fold holds the groups once,
  // plus the few results in flight. Merging sorted lists is associative and commutative (exact
  // sums), so the order results arrive in does not change the outcome.
  let result: ProcessingResult | undefined;
  const passes = await mapInParallel(plan.ranges, RESULTS_IN_FLIGHT, async ({ index }) => {
    const [first, second] = [keys.pass(index, 1), keys.pass(index, 2)];
    const [one, two] = await Promise.all([
      getJson<ShardPassRecord>(clients.s3, run.bucket, first.result),
      reran.has(index) ? getJson<ShardPassRecord>(clients.s3, run.bucket, second.result) : undefined,
    ]);
    const shardResult = (two ?? one).result;
    result = result === undefined ? combineShardResults([shardResult], plan.size) : combineShardResults([result, shardResult], plan.size);
    return { first, second, one: partsOf(one), two: two === undefined ? undefined : partsOf(two) };
  });
  // A shard's output is pass one's parts, or, when pass two reran its head, the head's parts and
  // then pass one's from where they stand again.
  const records = passes.flatMap(({ first, second, one, two }) =>
    two === undefined
      ? [{ key: first.records, size: one.recordsBytes }]
      : [{ key: second.records, size: two.recordsBytes }, { key: first.records, size: one.recordsBytes, from: two.rest!.recordsFrom }],
  );
  await concatObjects(clients.s3, run.bucket, records, outputs.records, 'application/x-ndjson');

  const prefixLines = plan.prefixEnd > 0 ? prefixLineFeeds(await s3RangeReader(clients.s3, run.bucket, run.key, run.versionId)(0, plan.prefixEnd)) : 0;
  const rejected = new JsonLinesUpload(clients.s3, run.bucket, outputs.quarantineReport);
  try {
    for (const [shard, { first, second, one, two }] of passes.entries()) {
      const shift = lineShift(facts, shard, prefixLines);
      const parts = two === undefined ? [{ key: first.quarantine, from: 0, size: one.quarantineBytes }] : [
        { key: second.quarantine, from: 0, size: two.quarantineBytes },
        { key: first.quarantine, from: two.rest!.quarantineFrom, size: one.quarantineBytes },
      ];
      for (const { key, from, size } of parts) {
        for await (const lines of shiftQuarantineLines(objectBytes(clients.s3, run.bucket, key, from, size), shift, key)) await rejected.writeLines(lines);
      }
    }
    await rejected.close();
  } catch (error) {
    await rejected.abort();
    throw error;
  }

  if (result === undefined) throw new Error('fan-out: a plan without shards has nothing to assemble');
  await putJson(clients.s3, run.bucket, outputs.summary, runSummary(run, result, outputs));
  const durationMs = Date.now() - started;
  await recordTransform(clients.dynamo, env.TABLE_NAME, run, { bytes: result.bytesRead, durationMs, outputs });
  observability.metrics.addMetric('rows', MetricUnit.Count, result.records.total);
  observability.metrics.addMetric('quarantinedRows', MetricUnit.Count, result.records.quarantined);
  observability.metrics.addMetric('bytes', MetricUnit.Bytes, result.bytesRead);
  observability.metrics.addMetric('shards', MetricUnit.Count, shards);
  observability.logger.info('shards assembled', { runId: run.runId, shards, reruns: facts.reruns.length, records: result.records });
  return { records: result.records, bytes: result.bytesRead, durationMs, outputs };
});
