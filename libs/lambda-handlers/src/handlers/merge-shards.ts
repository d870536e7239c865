import { mkdtemp, rm } from 'node:fs/promises';
import { closeSync, createWriteStream, openSync, readSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { putJson } from '../pipeline/object-io.js';
import { fanOutKeysOf } from '../pipeline/fan-out/fan-out-keys.js';
import type { FanOutEvent, MergeFacts, ShardItem, ShardPassRecord } from '../pipeline/fan-out/fan-out-event.js';
import { getJson, objectBytes } from '../pipeline/fan-out/s3-objects.js';
import { shardFacts } from '../processing/fan-out/index.js';
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

/** Bytes read from a run file at a time; the merge holds one such chunk per shard. */
const CHUNK_BYTES = 1024 * 1024;

/**
 * Fan-out step three, after pass one: numbers the shards' lines (prefix sums of their line feeds)
 * and merges their id runs (shardFacts), so an id seen in shard 2 and again in shard 7 is handed
 * to shard 7 as known. The core merges synchronously (one record per run at a time, no await per
 * id), so the runs are first copied to /tmp (lambda.ephemeralStorageMb.merge: about 23 bytes per
 * id of the file) and read from there in chunks. Writes each such shard's known ids and the list
 * of shards pass two reruns; a file without cross-shard duplicates has none.
 */
export const handler = pipelineHandler<MergeShardsEvent, MergeShardsResult>(observability, async ({ run, shards }) => {
  const keys = fanOutKeysOf(run, env);
  // /tmp outlives the invocation in a warm environment: a directory per invocation, removed after.
  const directory = await mkdtemp(join(tmpdir(), 'merge-'));
  try {
    const passes = await Promise.all(
      Array.from({ length: shards }, async (_, shard) => {
        const out = keys.pass(shard, 1);
        const file = join(directory, `${shard}.bin`);
        const [record] = await Promise.all([
          getJson<ShardPassRecord>(clients.s3, run.bucket, out.result),
          pipeline(objectBytes(clients.s3, run.bucket, out.idRun), createWriteStream(file)),
        ]);
        return { lineFeeds: record.lineFeeds, idRun: fileChunks(file) };
      }),
    );
    const facts = shardFacts(passes);
    const reruns = facts.knownIds.flatMap((ids, shard) => (ids.length > 0 ? [shard] : []));
    await Promise.all(reruns.map((shard) => putJson(clients.s3, run.bucket, keys.knownIds(shard), facts.knownIds[shard])));
    const merged: MergeFacts = { firstLines: facts.firstLines, reruns };
    await putJson(clients.s3, run.bucket, keys.facts, merged);
    await putJson(clients.s3, run.bucket, keys.reruns, reruns.map((shard): ShardItem => ({ shard })));
    observability.logger.info('id runs merged', { runId: run.runId, shards, reruns: reruns.length });
    return { bucket: run.bucket, rerunsKey: keys.reruns, reruns: reruns.length };
  } finally {
    await rm(directory, { recursive: true, force: true });
  }
});

/** A file's bytes in fresh chunks (the run reader keeps a chunk it was handed), read synchronously as the merge pulls them. */
function* fileChunks(file: string): Generator<Uint8Array> {
  const descriptor = openSync(file, 'r');
  try {
    for (;;) {
      const chunk = Buffer.allocUnsafe(CHUNK_BYTES);
      const read = readSync(descriptor, chunk, 0, CHUNK_BYTES, null);
      if (read === 0) return;
      yield chunk.subarray(0, read);
    }
  } finally {
    closeSync(descriptor);
  }
}
