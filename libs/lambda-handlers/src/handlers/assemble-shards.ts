import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { GetObjectCommand } from '@aws-sdk/client-s3';
import type { Readable } from 'node:stream';
import { concatObjects } from '../pipeline/fan-out/concat-objects.js';
import { fanOutKeysOf } from '../pipeline/fan-out/fan-out-keys.js';
import type { FanOutEvent, MergeFacts, ShardPassRecord } from '../pipeline/fan-out/fan-out-event.js';
import { getJson, s3RangeReader } from '../pipeline/fan-out/s3-objects.js';
import { JsonLinesUpload, putJson } from '../pipeline/object-io.js';
import { recordTransform } from '../pipeline/run-store.js';
import { outputKeysOf } from '../pipeline/source-object.js';
import { runSummary } from '../pipeline/summary.js';
import { combineShardResults, lineShift, prefixLineFeeds, shiftQuarantineLines, type ShardPlan } from '../processing/fan-out/index.js';
import { createAwsClients } from '../runtime/aws-clients.js';
import { PIPELINE_ENV, requireEnv } from '../runtime/env.js';
import { createObservability, pipelineHandler } from '../runtime/pipeline-handler.js';
import type { TransformResult } from './transform-object.js';

export interface AssembleShardsEvent extends FanOutEvent {
  readonly shards: number;
}

const env = requireEnv(PIPELINE_ENV);
const clients = createAwsClients();
const observability = createObservability();

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
  // A shard's final part is pass two's when the merge sent it back, else pass one's.
  const finals = plan.ranges.map((range) => keys.pass(range.index, reran.has(range.index) ? 2 : 1));
  const records = await Promise.all(finals.map((out) => getJson<ShardPassRecord>(clients.s3, run.bucket, out.result)));

  await concatObjects(clients.s3, run.bucket, finals.map((out, shard) => ({ key: out.records, size: records[shard]!.recordsBytes })), outputs.records, 'application/x-ndjson');
  const prefixLines = plan.prefixEnd > 0 ? prefixLineFeeds(await s3RangeReader(clients.s3, run.bucket, run.key, run.versionId)(0, plan.prefixEnd)) : 0;
  const rejected = new JsonLinesUpload(clients.s3, run.bucket, outputs.quarantineReport);
  try {
    for (const [shard, out] of finals.entries()) {
      const body = (await clients.s3.send(new GetObjectCommand({ Bucket: run.bucket, Key: out.quarantine }))).Body as Readable;
      const shift = lineShift({ firstLines: facts.firstLines, knownIds: [] }, shard, prefixLines);
      for await (const lines of shiftQuarantineLines(body, shift, out.quarantine)) await rejected.writeLines(lines);
    }
    await rejected.close();
  } catch (error) {
    await rejected.abort();
    throw error;
  }

  const result = combineShardResults(records.map((record) => record.result), plan.size);
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
