import { QueryCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { CopyObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { OpsError } from './ops-error.js';

/** The data contract's prefixes (DATA_PREFIXES in @data-platform/constructs; a test ties the two). */
export const RAW_PREFIX = 'raw/';
export const QUARANTINE_PREFIX = 'quarantine/';

/** Where a quarantined source came from: `quarantine/<path>/<versionId>/source/<file>` ← `raw/<path>` at that version. */
export function quarantinedSourceOf(quarantineKey: string): { rawKey: string; versionId: string } {
  const match = quarantineKey.startsWith(QUARANTINE_PREFIX) ? /^(.+)\/([^/]+)\/source\/[^/]+$/.exec(quarantineKey.slice(QUARANTINE_PREFIX.length)) : null;
  if (!match) throw new OpsError(`"${quarantineKey}" is not a quarantined source: expected ${QUARANTINE_PREFIX}<path>/<versionId>/source/<file>`, 2);
  return { rawKey: `${RAW_PREFIX}${match[1]}`, versionId: match[2]! };
}

export interface ReplayResult {
  readonly replayedRunId: string;
  readonly failureReason?: string;
  readonly rawKey: string;
  /** The new object version: its own run, started by the bucket's Object Created event. */
  readonly newVersionId?: string;
}

/**
 * Re-ingests a fixed file: copies the quarantined source back to its `raw/` key, which makes a new
 * object version and so a new run (the failed run stays as it was, for the record). Refuses a
 * source whose run did not fail.
 */
export async function replayQuarantined(clients: { s3: S3Client; dynamodb: DynamoDBClient }, target: { bucket: string; table: string }, quarantineKey: string): Promise<ReplayResult> {
  const { rawKey, versionId } = quarantinedSourceOf(quarantineKey);
  const runId = `${target.bucket}/${rawKey}@${versionId}`;
  const runs = await clients.dynamodb.send(
    new QueryCommand({ TableName: target.table, KeyConditionExpression: 'id = :id', ExpressionAttributeValues: { ':id': { S: runId } }, Limit: 1 }),
  );
  const run = runs.Items?.[0];
  if (!run) throw new OpsError(`no run ${runId} in ${target.table}: the key does not name a run of this environment`);
  const status = run['status']?.S;
  if (status !== 'FAILED') throw new OpsError(`run ${runId} is ${status}, not FAILED: nothing to replay`);
  const copy = await clients.s3.send(
    new CopyObjectCommand({
      Bucket: target.bucket,
      Key: rawKey,
      CopySource: `${target.bucket}/${quarantineKey.split('/').map(encodeURIComponent).join('/')}`,
      MetadataDirective: 'COPY',
    }),
  );
  return {
    replayedRunId: runId,
    ...(run['failureReason']?.S ? { failureReason: run['failureReason'].S } : {}),
    rawKey,
    ...(copy.VersionId ? { newVersionId: copy.VersionId } : {}),
  };
}
