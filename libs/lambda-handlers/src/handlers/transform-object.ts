import { JsonLinesUpload, openObject, putJson } from '../pipeline/object-io.js';
import { recordTransform } from '../pipeline/run-store.js';
import { outputKeysOf, type OutputKeys, type RunKey, type SourceObject } from '../pipeline/source-object.js';
import { runSummary } from '../pipeline/summary.js';
import { processTransactionStream, type ProcessingResult } from '../processing/index.js';
import { pipelineStepRuntime } from '../runtime/pipeline-step-runtime.js';
import { pipelineHandler, type CorrelatedEvent } from '../runtime/pipeline-handler.js';
import { MetricUnit } from '@aws-lambda-powertools/metrics';

export interface TransformEvent extends CorrelatedEvent {
  readonly run: SourceObject & RunKey;
}

export interface TransformResult {
  readonly records: ProcessingResult['records'];
  readonly bytes: number;
  readonly durationMs: number;
  readonly outputs: OutputKeys;
}

const { env, clients, observability } = pipelineStepRuntime();

/**
 * Streams the object through the processor: valid rows to `processed/…/records.jsonl`, rejected
 * rows to `quarantine/…/rejected-rows.jsonl`, then `summary.json`. Keys are per object version,
 * so a replay overwrites the same outputs instead of adding new ones.
 */
export const handler = pipelineHandler<TransformEvent, TransformResult>(observability, async ({ run }) => {
  const started = Date.now();
  const outputs = outputKeysOf(run, env);
  const records = new JsonLinesUpload(clients.s3, run.bucket, outputs.records);
  const rejected = new JsonLinesUpload(clients.s3, run.bucket, outputs.quarantineReport);
  let result: ProcessingResult;
  try {
    const body = await openObject(clients.s3, run.bucket, run.key, run.versionId);
    result = await processTransactionStream(body, run.format, {
      // The lines are lent (see ProcessSinks); the upload stream keeps what it is given.
      processed: (lines) => records.writeLines(Buffer.from(lines)),
      quarantined: (entry) => rejected.write(entry),
    });
    await Promise.all([records.close(), rejected.close()]);
  } catch (error) {
    await Promise.all([records.abort(), rejected.abort()]);
    throw error;
  }
  await putJson(clients.s3, run.bucket, outputs.summary, runSummary(run, result, outputs));
  const durationMs = Date.now() - started;
  await recordTransform(clients.dynamo, env.TABLE_NAME, run, { bytes: result.bytesRead, durationMs, outputs });

  const { metrics } = observability;
  metrics.addMetric('rows', MetricUnit.Count, result.records.total);
  metrics.addMetric('quarantinedRows', MetricUnit.Count, result.records.quarantined);
  metrics.addMetric('bytes', MetricUnit.Bytes, result.bytesRead);
  metrics.addMetric('durationMs', MetricUnit.Milliseconds, durationMs);
  observability.logger.info('object transformed', { runId: run.runId, records: result.records });
  return { records: result.records, bytes: result.bytesRead, durationMs, outputs };
});
