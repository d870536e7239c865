import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { consoleDependencies, serveConsole, type RunningConsole } from '@data-platform/console';
import type { RunPrefixes } from '@data-platform/lambda-handlers/status';
import { statusQueries } from '@data-platform/lambda-handlers/status';
import type { LocalPipeline } from './local-pipeline.js';

/** The data contract's prefixes as the synthesized functions are told them. */
function synthesizedPrefixes(pipeline: LocalPipeline): RunPrefixes {
  const fn = pipeline.pipeline.functions.find((f) => f.environment['RAW_PREFIX'] !== undefined);
  if (!fn) throw new Error('no synthesized function carries RAW_PREFIX; cannot locate the run outputs');
  const { RAW_PREFIX, PROCESSED_PREFIX, QUARANTINE_PREFIX } = fn.environment as Record<keyof RunPrefixes, string>;
  return { RAW_PREFIX, PROCESSED_PREFIX, QUARANTINE_PREFIX };
}

/**
 * The pipeline console (SPEC §3.5) over a local run's stores: the same app the container runs,
 * through the same query module, reading the emulated table and bucket and the run's PGlite
 * database. Object links point at the S3 emulator.
 */
export function serveLocalConsole(pipeline: LocalPipeline, port: number): Promise<RunningConsole> {
  const { aws } = pipeline;
  const database = async () => pipeline.database.db;
  const queries = statusQueries({ dynamo: DynamoDBDocumentClient.from(aws.dynamodb), tableName: pipeline.pipeline.table.name, database });
  return serveConsole(
    {
      environment: pipeline.env,
      queries,
      outputs: { s3: aws.s3, prefixes: synthesizedPrefixes(pipeline) },
      health: consoleDependencies(queries, database),
      objectUrl: (bucket, key) => `${aws.endpoints.s3}/${bucket}/${key.split('/').map(encodeURIComponent).join('/')}`,
    },
    { port },
  );
}
