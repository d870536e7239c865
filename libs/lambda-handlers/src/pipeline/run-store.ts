import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { OutputKeys, RunKey, SourceObject } from './source-object.js';

/** Status values of a run item; the GSI `runs-by-status` lists runs by them. */
export type RunStatus = 'RUNNING' | 'SUCCEEDED' | 'FAILED';

/**
 * Claims the run of one object version. Idempotent by a conditional write on (id, timestamp):
 * a version that already SUCCEEDED is not processed again; a RUNNING or FAILED one is retried.
 * Returns whether the version was already processed.
 */
export async function claimRun(dynamo: DynamoDBDocumentClient, tableName: string, run: RunKey, source: SourceObject, now: Date): Promise<{ alreadyProcessed: boolean }> {
  try {
    await dynamo.send(
      new PutCommand({
        TableName: tableName,
        Item: {
          id: run.runId,
          timestamp: run.runTimestamp,
          status: 'RUNNING' satisfies RunStatus,
          bucket: source.bucket,
          key: source.key,
          versionId: source.versionId,
          etag: source.etag,
          bytes: source.size,
          format: `${source.format.kind}${source.format.gzip ? '+gzip' : ''}`,
          startedAt: now.toISOString(),
        },
        ConditionExpression: 'attribute_not_exists(id) OR #status <> :succeeded',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':succeeded': 'SUCCEEDED' satisfies RunStatus },
      }),
    );
    return { alreadyProcessed: false };
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException || (error as Error).name === 'ConditionalCheckFailedException') {
      return { alreadyProcessed: true };
    }
    throw error;
  }
}

/** Records what the transform produced; the workflow then marks the run SUCCEEDED with the counts. */
export async function recordTransform(
  dynamo: DynamoDBDocumentClient,
  tableName: string,
  run: RunKey,
  result: { bytes: number; durationMs: number; outputs: OutputKeys },
): Promise<void> {
  await dynamo.send(
    new UpdateCommand({
      TableName: tableName,
      Key: { id: run.runId, timestamp: run.runTimestamp },
      UpdateExpression: 'SET bytesRead = :bytes, durationMs = :duration, outputKeys = :outputs',
      ExpressionAttributeValues: { ':bytes': result.bytes, ':duration': result.durationMs, ':outputs': result.outputs },
    }),
  );
}

/** Reads a run item (status API and tests). */
export async function getRun(dynamo: DynamoDBDocumentClient, tableName: string, run: RunKey): Promise<Record<string, unknown> | undefined> {
  const result = await dynamo.send(new GetCommand({ TableName: tableName, Key: { id: run.runId, timestamp: run.runTimestamp } }));
  return result.Item;
}
