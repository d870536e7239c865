import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { classifyDatabaseError } from '../database/database-errors.js';
import { AGGREGATES_TABLE, loadAggregates } from '../database/load-aggregates.js';
import { openObject } from '../pipeline/object-io.js';
import type { RunKey, SourceObject } from '../pipeline/source-object.js';
import type { RunSummary } from '../pipeline/summary.js';
import { createAwsClients } from '../runtime/aws-clients.js';
import { databaseConnection } from '../runtime/database-connection.js';
import { createObservability, pipelineHandler, type CorrelatedEvent } from '../runtime/pipeline-handler.js';

export interface LoadEvent extends CorrelatedEvent {
  readonly run: SourceObject & RunKey;
  /** Key of the run's `summary.json` (the transform step's output), in the run's bucket. */
  readonly summaryKey: string;
}

export interface LoadResult {
  readonly table: string;
  readonly rows: number;
  readonly durationMs: number;
}

const clients = createAwsClients();
const database = databaseConnection();
const observability = createObservability();

/**
 * Third step: the run's daily aggregates (from its summary.json) into the database, in one
 * transaction that replaces this object version's rows, so a replay never double-counts.
 */
export const handler = pipelineHandler<LoadEvent, LoadResult>(observability, async ({ run, summaryKey }) => {
  const started = Date.now();
  const body = await openObject(clients.s3, run.bucket, summaryKey, 'null');
  const summary = JSON.parse(Buffer.concat(await body.toArray()).toString('utf8')) as RunSummary;
  let rows: number;
  try {
    rows = await loadAggregates(await database(), { bucket: run.bucket, key: run.key, versionId: run.versionId, runId: run.runId }, summary.aggregates);
  } catch (error) {
    throw classifyDatabaseError(error);
  }
  const durationMs = Date.now() - started;
  observability.metrics.addMetric('aggregateRows', MetricUnit.Count, rows);
  observability.metrics.addMetric('loadDurationMs', MetricUnit.Milliseconds, durationMs);
  observability.logger.info('aggregates loaded', { runId: run.runId, rows, durationMs });
  return { table: AGGREGATES_TABLE, rows, durationMs };
});
