import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

/**
 * SDK clients, created once per cold start. Adaptive retry with a few attempts absorbs brief
 * throttling inside the function; anything longer surfaces as a transient error so the state
 * machine's Retry (exponential backoff, full jitter) takes over without burning Lambda time.
 * Endpoints follow the SDK's standard AWS_ENDPOINT_URL_* variables, which the local run sets.
 */
export interface AwsClients {
  readonly s3: S3Client;
  readonly dynamo: DynamoDBDocumentClient;
}

const RETRY = { maxAttempts: 3, retryMode: 'adaptive' } as const;

export function createAwsClients(env: NodeJS.ProcessEnv = process.env): AwsClients {
  const s3 = new S3Client({
    ...RETRY,
    // Emulators (and some S3-compatible stores) need path-style addressing.
    forcePathStyle: env['S3_FORCE_PATH_STYLE'] === 'true',
  });
  const dynamo = DynamoDBDocumentClient.from(new DynamoDBClient(RETRY), {
    marshallOptions: { removeUndefinedValues: true },
  });
  return { s3, dynamo };
}
