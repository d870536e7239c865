import { GetObjectCommand, HeadObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { DynamoDBDocumentClient, GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { LocalAws, provisionFromStack, REAL_AWS_VARIABLES, type SynthesizedResources } from '@data-platform/local-aws';
import type { Context } from 'aws-lambda';
import type { QuarantineEvent, QuarantineResult } from '@data-platform/lambda-handlers/handlers/quarantine-object';
import type { TransformEvent, TransformResult } from '@data-platform/lambda-handlers/handlers/transform-object';
import type { ValidateEvent, ValidateResult } from '@data-platform/lambda-handlers/handlers/validate-object';

/**
 * The pipeline's bucket and run table as `DataPipeline` synthesizes them (cdk.tf.json shape),
 * so these tests need no synth: id (S) + timestamp (N) keys and the runs-by-status GSI.
 */
export const BUCKET = 'myapp-e2e-data-local';
export const TABLE = 'table-e2e-pipeline-metadata-local';
const RESOURCES = [
  { type: 'aws_s3_bucket', id: 'bucket', config: { bucket: BUCKET } },
  {
    type: 'aws_dynamodb_table',
    id: 'table',
    config: {
      name: TABLE,
      billing_mode: 'PAY_PER_REQUEST',
      hash_key: 'id',
      range_key: 'timestamp',
      attribute: [
        { name: 'id', type: 'S' },
        { name: 'timestamp', type: 'N' },
        { name: 'status', type: 'S' },
      ],
      global_secondary_index: [{ name: 'runs-by-status', hash_key: 'status', range_key: 'timestamp', projection_type: 'ALL' }],
    },
  },
];
const stack: SynthesizedResources = { ofType: (type) => RESOURCES.filter((resource) => resource.type === type) };

type Handler<E, R> = (event: E, context: Context) => Promise<R>;

export function lambdaContext(functionName: string): Context {
  return {
    callbackWaitsForEmptyEventLoop: true,
    functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:us-east-1:000000000000:function:${functionName}`,
    memoryLimitInMB: '512',
    awsRequestId: crypto.randomUUID(),
    logGroupName: `/aws/lambda/${functionName}`,
    logStreamName: 'e2e',
    getRemainingTimeInMillis: () => 300_000,
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}

/** The handlers, loaded against running emulators, with helpers to put and read objects. */
export interface LocalPipeline {
  readonly aws: LocalAws;
  readonly documents: DynamoDBDocumentClient;
  readonly validate: Handler<ValidateEvent, ValidateResult>;
  readonly transform: Handler<TransformEvent, TransformResult>;
  readonly quarantine: Handler<QuarantineEvent, QuarantineResult>;
  /** Uploads `body` as `key` and returns the event the EventBridge rule would start a run with. */
  put(key: string, body: string | Uint8Array): Promise<ValidateEvent>;
  text(key: string): Promise<string>;
  bytes(key: string): Promise<Uint8Array>;
  runItem(run: { runId: string; runTimestamp: number }): Promise<Record<string, unknown> | undefined>;
  /** What the state machine's RecordMetadata step does after a successful transform: status SUCCEEDED, and the counts when given. */
  recordSucceeded(run: { runId: string; runTimestamp: number }, records?: { total: number; valid: number; quarantined: number }): Promise<void>;
}

/** Starts the S3 and DynamoDB emulators and loads the handlers against them (their cold start). */
export async function startLocalPipeline(): Promise<LocalPipeline> {
  const aws = await LocalAws.start({ region: 'us-east-1' });
  await provisionFromStack(aws, stack);
  const documents = DynamoDBDocumentClient.from(aws.dynamodb);
  for (const name of REAL_AWS_VARIABLES) delete process.env[name];
  // Handlers read their configuration when the module loads (cold start): set it before importing.
  Object.assign(process.env, aws.environment(), {
    TABLE_NAME: TABLE,
    RAW_PREFIX: 'raw/',
    PROCESSED_PREFIX: 'processed/',
    QUARANTINE_PREFIX: 'quarantine/',
    POWERTOOLS_SERVICE_NAME: 'e2e',
    POWERTOOLS_LOG_LEVEL: 'SILENT',
    POWERTOOLS_METRICS_DISABLED: 'true',
    POWERTOOLS_TRACE_ENABLED: 'false',
  });
  const { handler: validate } = await import('@data-platform/lambda-handlers/handlers/validate-object');
  const { handler: transform } = await import('@data-platform/lambda-handlers/handlers/transform-object');
  const { handler: quarantine } = await import('@data-platform/lambda-handlers/handlers/quarantine-object');
  return {
    aws,
    documents,
    validate,
    transform,
    quarantine,
    async put(key, body) {
      await aws.s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: key, Body: typeof body === 'string' ? Buffer.from(body) : body }));
      const head = await aws.s3.send(new HeadObjectCommand({ Bucket: BUCKET, Key: key }));
      return { bucket: BUCKET, object: { key, size: head.ContentLength!, etag: head.ETag!.replaceAll('"', '') } };
    },
    async text(key) {
      return (await aws.s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: key }))).Body!.transformToString();
    },
    async bytes(key) {
      return (await aws.s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: key }))).Body!.transformToByteArray();
    },
    async runItem(run) {
      return (await documents.send(new GetCommand({ TableName: TABLE, Key: { id: run.runId, timestamp: run.runTimestamp }, ConsistentRead: true }))).Item;
    },
    async recordSucceeded(run, records) {
      const counts: Record<string, number> = records ? { totalRecords: records.total, validRecords: records.valid, quarantinedRecords: records.quarantined } : {};
      const names = Object.keys(counts);
      await documents.send(
        new UpdateCommand({
          TableName: TABLE,
          Key: { id: run.runId, timestamp: run.runTimestamp },
          UpdateExpression: ['SET #status = :status', ...names.map((name) => `${name} = :${name}`)].join(', '),
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: { ':status': 'SUCCEEDED', ...Object.fromEntries(names.map((name) => [`:${name}`, counts[name]])) },
        }),
      );
    },
  };
}

/** The `{ Error, Cause }` a Step Functions Catch hands on for an error a Lambda task threw. */
export function workflowErrorOf(error: unknown): { Error: string; Cause: string } {
  const { name, message } = error as Error;
  return { Error: name, Cause: JSON.stringify({ errorType: name, errorMessage: message, trace: [`${name}: ${message}`, '    at handler'] }) };
}
