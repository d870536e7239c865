import { JsonLinesUpload, putJson } from '../pipeline/object-io.js';
import { fanOutKeysOf, type ShardPassKeys } from '../pipeline/fan-out/fan-out-keys.js';
import type { FanOutEvent, IdRunFacts, ShardPassRecord } from '../pipeline/fan-out/fan-out-event.js';
import { readAhead } from '../pipeline/fan-out/read-ahead.js';
import { getJson, objectBytes, s3RangeReader } from '../pipeline/fan-out/s3-objects.js';
import { hashSliceStarts, rerunShardHead, runShardPass, type ShardPart, type ShardPlan } from '../processing/fan-out/index.js';
import type { QuarantineEntry } from '../processing/index.js';
import { pipelineStepRuntime } from '../runtime/pipeline-step-runtime.js';
import { pipelineHandler } from '../runtime/pipeline-handler.js';

export interface ProcessShardEvent extends FanOutEvent {
  readonly shard: number;
  /** 1: the whole shard, no known ids, writes the id run; 2: the shard's head again, with the ids the merge found on earlier shards. */
  readonly pass: 1 | 2;
}

export interface ProcessShardResult {
  readonly shard: number;
  readonly pass: 1 | 2;
  readonly records: ShardPassRecord['result']['records'];
}

const { env, clients, observability } = pipelineStepRuntime();

/** A part as two S3 objects (records, quarantine) written whole, with the bytes each received. */
class S3Part implements ShardPart {
  private readonly records: JsonLinesUpload;
  private readonly rejected: JsonLinesUpload;
  recordsBytes = 0;
  quarantineBytes = 0;

  constructor(bucket: string, keys: ShardPassKeys) {
    this.records = new JsonLinesUpload(clients.s3, bucket, keys.records);
    this.rejected = new JsonLinesUpload(clients.s3, bucket, keys.quarantine);
  }

  // Properties, not methods: the core hands them on unbound.
  readonly processed = (lines: Uint8Array) => {
    this.recordsBytes += lines.byteLength;
    // The lines are lent (see ProcessSinks); the upload stream keeps what it is given.
    return this.records.writeLines(Buffer.from(lines));
  };
  readonly quarantined = (entry: QuarantineEntry) => {
    const line = Buffer.from(`${JSON.stringify(entry)}\n`, 'utf8');
    this.quarantineBytes += line.byteLength;
    return this.rejected.writeLines(line);
  };

  close = () => Promise.all([this.records.close(), this.rejected.close()]);
  abort = () => Promise.all([this.records.abort(), this.rejected.abort()]);
}

/**
 * A Distributed Map item: one pass over one shard (its CSV header prefix, then its range, by
 * ranged GETs with read-ahead) into that shard's part objects for this pass. Pass one processes
 * the whole shard and stores its id run, and in ids.json its line feeds and where the run's hash
 * slices start (the merge reads the runs by range, and never the shards' result.json); pass two
 * reruns only the shard's head with the ids first seen on earlier shards known (rerunShardHead),
 * reading pass one's parts back to find where they stand again. Every object is keyed by shard and pass and written whole, result.json last, so
 * the map's Retry (or a replay) overwrites them: a retried shard never duplicates output.
 */
export const handler = pipelineHandler<ProcessShardEvent, ProcessShardResult>(observability, async ({ run, shard, pass }) => {
  const keys = fanOutKeysOf(run, env);
  const out = keys.pass(shard, pass);
  const plan = await getJson<ShardPlan>(clients.s3, run.bucket, keys.plan);
  const read = readAhead(s3RangeReader(clients.s3, run.bucket, run.key, run.versionId), run.size);
  const part = new S3Part(run.bucket, out);
  let record: ShardPassRecord;
  try {
    // One attempt here: the state machine's Retry reruns the whole item, into the same keys.
    if (pass === 1) {
      const passOne = await runShardPass(read, run.format, plan, shard, () => part, { attempts: 1 });
      await part.close();
      await putIdRun(run.bucket, out.idRun, passOne.idRun);
      const idRunFacts: IdRunFacts = { lineFeeds: passOne.lineFeeds, sliceStarts: hashSliceStarts(passOne.idRun) };
      await putJson(clients.s3, run.bucket, out.idRunFacts, idRunFacts);
      record = { result: passOne.result, recordsBytes: part.recordsBytes, quarantineBytes: part.quarantineBytes };
    } else {
      const first = keys.pass(shard, 1);
      const [knownIds, passOneRecord] = await Promise.all([
        getJson<string[]>(clients.s3, run.bucket, keys.knownIds(shard)),
        getJson<ShardPassRecord>(clients.s3, run.bucket, first.result),
      ]);
      const passOne = {
        result: passOneRecord.result,
        records: () => objectBytes(clients.s3, run.bucket, first.records),
        quarantine: () => objectBytes(clients.s3, run.bucket, first.quarantine),
      };
      const rerun = await rerunShardHead(read, run.format, plan, shard, knownIds, passOne, () => part, { attempts: 1 });
      await part.close();
      record = {
        result: rerun.result,
        recordsBytes: part.recordsBytes,
        quarantineBytes: part.quarantineBytes,
        rest: { recordsFrom: rerun.recordsFrom, quarantineFrom: rerun.quarantineFrom },
      };
    }
  } catch (error) {
    await part.abort();
    throw error;
  }
  await putJson(clients.s3, run.bucket, out.result, record);
  observability.logger.info('shard processed', { runId: run.runId, shard, pass, records: record.result.records });
  return { shard, pass, records: record.result.records };
});

async function putIdRun(bucket: string, key: string, idRun: Buffer): Promise<void> {
  const upload = new JsonLinesUpload(clients.s3, bucket, key);
  try {
    await upload.writeLines(idRun);
    await upload.close();
  } catch (error) {
    await upload.abort();
    throw error;
  }
}
