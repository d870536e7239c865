import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { serveConsole, type RunningConsole } from '@data-platform/console';
import { METADATA_TABLE_SCHEMA } from '@data-platform/constructs';
import type { LocalPipeline } from './local-pipeline.js';

/**
 * The pipeline console (SPEC §3.5) over a local run's stores: the same app the container runs,
 * reading the emulated table and bucket the run just wrote. Object links point at the S3 emulator.
 */
export function serveLocalConsole(pipeline: LocalPipeline, port: number): Promise<RunningConsole> {
  const { aws } = pipeline;
  return serveConsole(
    {
      environment: pipeline.env,
      runStore: {
        dynamo: DynamoDBDocumentClient.from(aws.dynamodb),
        s3: aws.s3,
        tableName: pipeline.pipeline.table.name,
        runsIndex: METADATA_TABLE_SCHEMA.runsIndex.name,
        bucket: pipeline.pipeline.bucket,
      },
      objectUrl: (bucket, key) => `${aws.endpoints.s3}/${bucket}/${key.split('/').map(encodeURIComponent).join('/')}`,
    },
    { port },
  );
}
