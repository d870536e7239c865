import { JsonLinesUpload, putJson } from '../pipeline/object-io.js';
import { fanOutKeysOf } from '../pipeline/fan-out/fan-out-keys.js';
import type { FanOutEvent, ShardPassRecord } from '../pipeline/fan-out/fan-out-event.js';
import { readAhead } from '../pipeline/fan-out/read-ahead.js';
import { getBytes, getJson, s3RangeReader } from '../pipeline/fan-out/s3-objects.js';
import { decodeIdRunLines, encodeIdRunLine, runShardPass, type ShardPart, type ShardPlan } from '../processing/fan-out/index.js';
import type { QuarantineEntry } from '../processing/index.js';
import { createAwsClients } from '../runtime/aws-clients.js';
import { PIPELINE_ENV, requireEnv } from '../runtime/env.js';
import { createObservability, pipelineHandler } from '../runtime/pipeline-handler.js';

export interface ProcessShardEvent extends FanOutEvent {
  readonly shard: number;
  /** 1: no known ids, writes the id run; 2: seeded with the ids the merge found on earlier shards. */
  readonly pass: 1 | 2;
}

export interface ProcessShardResult {
  readonly shard: number;
  readonly pass: 1 | 2;
  readonly records: ShardPassRecord['result']['records'];
}

const env = requireEnv(PIPELINE_ENV);
const clients = createAwsClients();
const observability = createObservability();

/** Ids per upload write: one write per id would cost more than the id. */
const ID_BATCH = 8192;

/**
 * A Distributed Map item: one pass of the processor over one shard (its CSV header prefix, then
 * its range, by ranged GETs) into that shard's part objects for this pass. Every object it writes
 * is keyed by shard and pass and written whole, so the map's Retry (or a replay) overwrites them:
 * a retried shard never duplicates output, and result.json, written last, says the pass finished.
 */
export const handler = pipelineHandler<ProcessShardEvent, ProcessShardResult>(observability, async ({ run, shard, pass }) => {
  const keys = fanOutKeysOf(run, env);
  const out = keys.pass(shard, pass);
  const plan = await getJson<ShardPlan>(clients.s3, run.bucket, keys.plan);
  const knownIds = pass === 2 ? [...decodeIdRunLines([await getBytes(clients.s3, run.bucket, keys.knownIds(shard))])] : undefined;
  const records = new JsonLinesUpload(clients.s3, run.bucket, out.records);
  const quarantine = new JsonLinesUpload(clients.s3, run.bucket, out.quarantine);
  let recordsBytes = 0;
  const part: ShardPart = {
    processed: (lines) => {
      recordsBytes += lines.byteLength;
      // The lines are lent (see ProcessSinks); the upload stream keeps what it is given.
      return records.writeLines(Buffer.from(lines));
    },
    quarantined: (entry: QuarantineEntry) => quarantine.write(entry),
  };
  let passResult;
  try {
    // One attempt here: the state machine's Retry reruns the whole item, into the same keys.
    passResult = await runShardPass(readAhead(s3RangeReader(clients.s3, run.bucket, run.key, run.versionId), run.size), run.format, plan, shard, () => part, {
      attempts: 1,
      ...(knownIds ? { knownIds } : {}),
    });
    await Promise.all([records.close(), quarantine.close()]);
  } catch (error) {
    await Promise.all([records.abort(), quarantine.abort()]);
    throw error;
  }
  if (pass === 1) await writeIdRun(run.bucket, out.idRun, passResult.idRun);
  const record: ShardPassRecord = { result: passResult.result, lineFeeds: passResult.lineFeeds, recordsBytes };
  await putJson(clients.s3, run.bucket, out.result, record);
  observability.logger.info('shard processed', { runId: run.runId, shard, pass, records: passResult.result.records });
  return { shard, pass, records: passResult.result.records };
});

async function writeIdRun(bucket: string, key: string, ids: readonly string[]): Promise<void> {
  const upload = new JsonLinesUpload(clients.s3, bucket, key);
  try {
    for (let at = 0; at < ids.length; at += ID_BATCH) await upload.writeLines(ids.slice(at, at + ID_BATCH).map(encodeIdRunLine).join(''));
    await upload.close();
  } catch (error) {
    await upload.abort();
    throw error;
  }
}
