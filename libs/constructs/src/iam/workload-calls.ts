/**
 * Every AWS call the pipeline's code makes, per role, with where it is made. The IAM simulation
 * suite proves each role allows exactly these (and denies what it must not do); the gateway
 * endpoint policies are derived from the S3 and DynamoDB calls. A new call in a handler or a new
 * state in the workflow goes here first; a new role gets its own entry (the suite fails without one).
 */

/** What a call acts on, in terms of the environment's own resources. */
export type CallTarget =
  | `object:${'raw/' | 'processed/' | 'quarantine/'}`
  /** The fan-out path's work objects of one object version: `processed/…/{versionId}/shards/…`. */
  | 'object:shards'
  | 'table'
  | 'table-index'
  | 'repository'
  | 'console-log-group'
  | `key:${'s3' | 'dynamodb' | 'lambda' | 'sns' | 'states' | 'states-logs' | 'secretsmanager'}`
  | `function:${'validate' | 'transform' | 'load' | 'quarantine' | 'fan-out-plan' | 'fan-out-shard' | 'fan-out-merge' | 'fan-out-assemble'}`
  | `db-user:${'loader' | 'reader'}`
  | 'master-secret'
  | `topic:${'events' | 'alerts'}`
  | 'state-machine'
  /** The state machine's own executions (a Distributed Map's child executions). */
  | 'state-machine-execution'
  | 'own-log-group'
  | 'flow-log-group'
  | 'network-interface'
  | 'subnet'
  | 'security-group'
  | '*';

export interface WorkloadCall {
  /** The API call, as a reader knows it. */
  readonly api: string;
  /** The IAM action it is authorized as. */
  readonly action: string;
  readonly target: CallTarget;
  /** File and function (or state) that makes the call. */
  readonly madeBy: string;
  /** Made only where the environment's config turns the feature on. */
  readonly onlyWhen?: 'tracing';
}

/** Roles of the pipeline, by the part of their physical name after `role-{env}-`. */
export type WorkloadRole =
  | 'lambda-validate'
  | 'lambda-transform'
  | 'lambda-load'
  | 'lambda-quarantine'
  | 'lambda-migrate'
  | 'lambda-status-api'
  | 'lambda-fan-out-plan'
  | 'lambda-fan-out-shard'
  | 'lambda-fan-out-merge'
  | 'lambda-fan-out-assemble'
  | 'sfn-pipeline'
  | 'events-start-pipeline'
  | 'vpc-flow-logs'
  | 'ecs-console-task'
  | 'ecs-console-execution';

const OBJECT_IO = 'libs/lambda-handlers/src/pipeline/object-io.ts';
const RUN_STORE = 'libs/lambda-handlers/src/pipeline/run-store.ts';
const DEFINITION = 'libs/constructs/src/orchestration/pipeline-definition.ts';
const RUN_OUTPUTS = 'libs/lambda-handlers/src/status/run-outputs.ts';
const DB_CONNECTION = 'libs/lambda-handlers/src/runtime/database-connection.ts';
const STATUS_QUERIES = 'libs/lambda-handlers/src/status/status-queries.ts';
const FAN_OUT_IO = 'libs/lambda-handlers/src/pipeline/fan-out';
const FAN_OUT_STATES = 'libs/constructs/src/orchestration/fan-out-states.ts';

/** What every function's runtime does for it: logs, VPC networking, environment variables. */
const lambdaRuntime = (fn: string): WorkloadCall[] => [
  { api: 'Logs CreateLogStream', action: 'logs:CreateLogStream', target: 'own-log-group', madeBy: `Lambda runtime (${fn})` },
  { api: 'Logs PutLogEvents', action: 'logs:PutLogEvents', target: 'own-log-group', madeBy: `Lambda runtime (${fn})` },
  { api: 'EC2 CreateNetworkInterface', action: 'ec2:CreateNetworkInterface', target: 'network-interface', madeBy: `Lambda VPC attachment (${fn})` },
  { api: 'EC2 CreateNetworkInterface', action: 'ec2:CreateNetworkInterface', target: 'subnet', madeBy: `Lambda VPC attachment (${fn})` },
  { api: 'EC2 CreateNetworkInterface', action: 'ec2:CreateNetworkInterface', target: 'security-group', madeBy: `Lambda VPC attachment (${fn})` },
  { api: 'EC2 DeleteNetworkInterface', action: 'ec2:DeleteNetworkInterface', target: 'network-interface', madeBy: `Lambda VPC attachment (${fn})` },
  { api: 'EC2 DescribeNetworkInterfaces', action: 'ec2:DescribeNetworkInterfaces', target: '*', madeBy: `Lambda VPC attachment (${fn})` },
  { api: 'KMS Decrypt (environment variables)', action: 'kms:Decrypt', target: 'key:lambda', madeBy: `Lambda runtime (${fn})` },
  { api: 'X-Ray PutTraceSegments', action: 'xray:PutTraceSegments', target: '*', madeBy: `Powertools tracer (${fn})`, onlyWhen: 'tracing' },
];

/** Reading the landed object: HeadObject and GetObject, by version id when S3 sent one. */
const readRaw = (fn: string): WorkloadCall[] => [
  { api: 'S3 HeadObject', action: 's3:GetObject', target: 'object:raw/', madeBy: `${OBJECT_IO} headObject (${fn})` },
  { api: 'S3 HeadObject (versionId)', action: 's3:GetObjectVersion', target: 'object:raw/', madeBy: `${OBJECT_IO} headObject (${fn})` },
  { api: 'KMS Decrypt (SSE-KMS object)', action: 'kms:Decrypt', target: 'key:s3', madeBy: `S3 on behalf of ${OBJECT_IO} (${fn})` },
];

/** PutObject and multipart uploads (lib-storage Upload) into one prefix. */
const writeObjects = (prefix: 'processed/' | 'quarantine/', madeBy: string): WorkloadCall[] => [
  { api: 'S3 PutObject / CreateMultipartUpload / UploadPart / CompleteMultipartUpload', action: 's3:PutObject', target: `object:${prefix}`, madeBy },
  { api: 'S3 AbortMultipartUpload', action: 's3:AbortMultipartUpload', target: `object:${prefix}`, madeBy },
  { api: 'KMS GenerateDataKey (SSE-KMS object)', action: 'kms:GenerateDataKey', target: 'key:s3', madeBy: `S3 on behalf of ${madeBy}` },
];

/** Fan-out work objects: ranged reads (s3RangeReader, getJson) and whole writes (putJson, JsonLinesUpload). */
const readShardObjects = (fn: string): WorkloadCall[] => [
  { api: 'S3 GetObject / HeadObject (work objects)', action: 's3:GetObject', target: 'object:shards', madeBy: `${FAN_OUT_IO}/s3-objects.ts (${fn})` },
  { api: 'KMS Decrypt (SSE-KMS object)', action: 'kms:Decrypt', target: 'key:s3', madeBy: `S3 on behalf of ${FAN_OUT_IO} (${fn})` },
];
const writeShardObjects = (fn: string): WorkloadCall[] => [
  { api: 'S3 PutObject / multipart upload (work objects)', action: 's3:PutObject', target: 'object:shards', madeBy: `${OBJECT_IO} putJson / JsonLinesUpload (${fn})` },
  { api: 'S3 AbortMultipartUpload (work objects)', action: 's3:AbortMultipartUpload', target: 'object:shards', madeBy: `${OBJECT_IO} JsonLinesUpload (${fn})` },
  { api: 'KMS GenerateDataKey (SSE-KMS object)', action: 'kms:GenerateDataKey', target: 'key:s3', madeBy: `S3 on behalf of ${OBJECT_IO} (${fn})` },
  { api: 'KMS Decrypt (multipart upload)', action: 'kms:Decrypt', target: 'key:s3', madeBy: `S3 on behalf of ${OBJECT_IO} JsonLinesUpload (${fn})` },
];
/** Ranged GETs of the landed object (by version id when S3 sent one). */
const readSourceRanges = (fn: string): WorkloadCall[] => [
  { api: 'S3 GetObject (Range)', action: 's3:GetObject', target: 'object:raw/', madeBy: `${FAN_OUT_IO}/s3-objects.ts s3RangeReader (${fn})` },
  { api: 'S3 GetObject (Range, versionId)', action: 's3:GetObjectVersion', target: 'object:raw/', madeBy: `${FAN_OUT_IO}/s3-objects.ts s3RangeReader (${fn})` },
  { api: 'KMS Decrypt (SSE-KMS object)', action: 'kms:Decrypt', target: 'key:s3', madeBy: `S3 on behalf of ${FAN_OUT_IO}/s3-objects.ts (${fn})` },
];

export const WORKLOAD_CALLS: Readonly<Record<WorkloadRole, readonly WorkloadCall[]>> = {
  'lambda-fan-out-plan': [...lambdaRuntime('plan-shards'), ...readSourceRanges('plan-shards'), ...writeShardObjects('plan-shards')],
  'lambda-fan-out-shard': [
    ...lambdaRuntime('process-shard'),
    ...readSourceRanges('process-shard'),
    ...readShardObjects('process-shard'),
    ...writeShardObjects('process-shard'),
  ],
  'lambda-fan-out-merge': [...lambdaRuntime('merge-shards'), ...readShardObjects('merge-shards'), ...writeShardObjects('merge-shards')],
  'lambda-fan-out-assemble': [
    ...lambdaRuntime('assemble-shards'),
    ...readSourceRanges('assemble-shards'),
    // UploadPartCopy is authorized as GetObject on the source part and PutObject on the target.
    ...readShardObjects('assemble-shards'),
    ...writeObjects('processed/', `${FAN_OUT_IO}/concat-objects.ts concatObjects / putJson (records, summary)`),
    ...writeObjects('quarantine/', `${OBJECT_IO} JsonLinesUpload (quarantine report)`),
    { api: 'KMS Decrypt (multipart upload)', action: 'kms:Decrypt', target: 'key:s3', madeBy: `S3 on behalf of ${FAN_OUT_IO}/concat-objects.ts` },
    { api: 'DynamoDB UpdateItem (record transform)', action: 'dynamodb:UpdateItem', target: 'table', madeBy: `${RUN_STORE} recordTransform` },
    { api: 'KMS Decrypt (table key check)', action: 'kms:Decrypt', target: 'key:dynamodb', madeBy: `DynamoDB on behalf of ${RUN_STORE}` },
  ],
  'lambda-validate': [
    ...lambdaRuntime('validate-object'),
    ...readRaw('validate-object'),
    { api: 'DynamoDB PutItem (claim run)', action: 'dynamodb:PutItem', target: 'table', madeBy: `${RUN_STORE} claimRun` },
    { api: 'DynamoDB GetItem (run status)', action: 'dynamodb:GetItem', target: 'table', madeBy: `${RUN_STORE} getRun` },
    { api: 'KMS Decrypt (table key check)', action: 'kms:Decrypt', target: 'key:dynamodb', madeBy: `DynamoDB on behalf of ${RUN_STORE}` },
  ],
  'lambda-transform': [
    ...lambdaRuntime('transform-object'),
    ...readRaw('transform-object'),
    { api: 'S3 GetObject (stream)', action: 's3:GetObject', target: 'object:raw/', madeBy: `${OBJECT_IO} openObject` },
    ...writeObjects('processed/', `${OBJECT_IO} JsonLinesUpload / putJson (records, summary)`),
    ...writeObjects('quarantine/', `${OBJECT_IO} JsonLinesUpload (quarantine report)`),
    { api: 'KMS Decrypt (multipart upload)', action: 'kms:Decrypt', target: 'key:s3', madeBy: `S3 on behalf of ${OBJECT_IO} JsonLinesUpload` },
    { api: 'DynamoDB UpdateItem (record transform)', action: 'dynamodb:UpdateItem', target: 'table', madeBy: `${RUN_STORE} recordTransform` },
    { api: 'KMS Decrypt (table key check)', action: 'kms:Decrypt', target: 'key:dynamodb', madeBy: `DynamoDB on behalf of ${RUN_STORE}` },
  ],
  'lambda-load': [
    ...lambdaRuntime('load-aggregates'),
    { api: 'S3 GetObject (summary.json)', action: 's3:GetObject', target: 'object:processed/', madeBy: 'libs/lambda-handlers/src/handlers/load-aggregates.ts' },
    { api: 'KMS Decrypt (SSE-KMS object)', action: 'kms:Decrypt', target: 'key:s3', madeBy: 'S3 on behalf of libs/lambda-handlers/src/handlers/load-aggregates.ts' },
    { api: 'RDS connect (IAM token as loader)', action: 'rds-db:connect', target: 'db-user:loader', madeBy: `${DB_CONNECTION} databaseConnection` },
  ],
  'lambda-migrate': [
    ...lambdaRuntime('migrate-database'),
    { api: 'Secrets Manager GetSecretValue (master secret)', action: 'secretsmanager:GetSecretValue', target: 'master-secret', madeBy: `${DB_CONNECTION} masterPassword` },
    { api: 'KMS Decrypt (secret)', action: 'kms:Decrypt', target: 'key:secretsmanager', madeBy: `Secrets Manager on behalf of ${DB_CONNECTION}` },
  ],
  'lambda-status-api': [
    ...lambdaRuntime('status-api'),
    { api: 'DynamoDB Query (run by id)', action: 'dynamodb:Query', target: 'table', madeBy: `${STATUS_QUERIES} getRun` },
    { api: 'DynamoDB Query (runs-by-status)', action: 'dynamodb:Query', target: 'table-index', madeBy: `${STATUS_QUERIES} listRuns` },
    { api: 'KMS Decrypt (table key check)', action: 'kms:Decrypt', target: 'key:dynamodb', madeBy: `DynamoDB on behalf of ${STATUS_QUERIES}` },
    { api: 'RDS connect (IAM token as reader)', action: 'rds-db:connect', target: 'db-user:reader', madeBy: `${DB_CONNECTION} databaseConnection` },
  ],
  'lambda-quarantine': [
    ...lambdaRuntime('quarantine-object'),
    ...readRaw('quarantine-object'),
    { api: 'S3 CopyObject (source, by version)', action: 's3:GetObjectVersion', target: 'object:raw/', madeBy: 'libs/lambda-handlers/src/handlers/quarantine-object.ts' },
    ...writeObjects('quarantine/', 'libs/lambda-handlers/src/handlers/quarantine-object.ts CopyObject / Upload'),
  ],
  'sfn-pipeline': [
    ...(['validate', 'transform', 'load', 'quarantine', 'fan-out-plan', 'fan-out-shard', 'fan-out-merge', 'fan-out-assemble'] as const).map(
      (fn): WorkloadCall => ({ api: 'Lambda Invoke', action: 'lambda:InvokeFunction', target: `function:${fn}`, madeBy: `${DEFINITION} (lambda:invoke task)` }),
    ),
    { api: 'DynamoDB UpdateItem', action: 'dynamodb:UpdateItem', target: 'table', madeBy: `${DEFINITION} RecordMetadata, RecordFailure` },
    { api: 'Step Functions StartExecution (map run children)', action: 'states:StartExecution', target: 'state-machine', madeBy: `${FAN_OUT_STATES} ShardPassOne, ShardPassTwo (Distributed Map)` },
    { api: 'Step Functions DescribeExecution (map run children)', action: 'states:DescribeExecution', target: 'state-machine-execution', madeBy: `${FAN_OUT_STATES} (Distributed Map)` },
    { api: 'Step Functions StopExecution (map run children)', action: 'states:StopExecution', target: 'state-machine-execution', madeBy: `${FAN_OUT_STATES} (Distributed Map)` },
    { api: 'S3 GetObject (ItemReader)', action: 's3:GetObject', target: 'object:shards', madeBy: `${FAN_OUT_STATES} ItemReader` },
    { api: 'KMS Decrypt (ItemReader object)', action: 'kms:Decrypt', target: 'key:s3', madeBy: `S3 on behalf of ${FAN_OUT_STATES} ItemReader` },
    { api: 'S3 PutObject / multipart upload (ResultWriter)', action: 's3:PutObject', target: 'object:shards', madeBy: `${FAN_OUT_STATES} ResultWriter` },
    { api: 'S3 ListMultipartUploadParts (ResultWriter)', action: 's3:ListMultipartUploadParts', target: 'object:shards', madeBy: `${FAN_OUT_STATES} ResultWriter` },
    { api: 'S3 AbortMultipartUpload (ResultWriter)', action: 's3:AbortMultipartUpload', target: 'object:shards', madeBy: `${FAN_OUT_STATES} ResultWriter` },
    { api: 'KMS GenerateDataKey (ResultWriter object)', action: 'kms:GenerateDataKey', target: 'key:s3', madeBy: `S3 on behalf of ${FAN_OUT_STATES} ResultWriter` },
    { api: 'KMS Decrypt (table key check)', action: 'kms:Decrypt', target: 'key:dynamodb', madeBy: `DynamoDB on behalf of ${DEFINITION}` },
    { api: 'SNS Publish', action: 'sns:Publish', target: 'topic:events', madeBy: `${DEFINITION} Notify` },
    { api: 'SNS Publish', action: 'sns:Publish', target: 'topic:alerts', madeBy: `${DEFINITION} AlertFailure` },
    { api: 'KMS GenerateDataKey (encrypted topic)', action: 'kms:GenerateDataKey', target: 'key:sns', madeBy: `SNS on behalf of ${DEFINITION} Notify, AlertFailure` },
    { api: 'KMS GenerateDataKey (execution data)', action: 'kms:GenerateDataKey', target: 'key:states', madeBy: 'Step Functions, encrypted state machine' },
    { api: 'KMS Decrypt (execution data)', action: 'kms:Decrypt', target: 'key:states', madeBy: 'Step Functions, encrypted state machine' },
    { api: 'KMS GenerateDataKey (execution logs)', action: 'kms:GenerateDataKey', target: 'key:states-logs', madeBy: 'Step Functions log delivery' },
    { api: 'Logs CreateLogDelivery', action: 'logs:CreateLogDelivery', target: '*', madeBy: 'Step Functions log delivery' },
    { api: 'X-Ray PutTraceSegments', action: 'xray:PutTraceSegments', target: '*', madeBy: 'Step Functions tracing', onlyWhen: 'tracing' },
  ],
  'events-start-pipeline': [
    { api: 'Step Functions StartExecution', action: 'states:StartExecution', target: 'state-machine', madeBy: 'libs/constructs/src/orchestration/ingest-trigger.ts target' },
    { api: 'KMS GenerateDataKey (execution input)', action: 'kms:GenerateDataKey', target: 'key:states', madeBy: 'Step Functions StartExecution, encrypted state machine' },
    { api: 'KMS Decrypt (execution input)', action: 'kms:Decrypt', target: 'key:states', madeBy: 'Step Functions StartExecution, encrypted state machine' },
  ],
  'vpc-flow-logs': [
    { api: 'Logs CreateLogStream', action: 'logs:CreateLogStream', target: 'flow-log-group', madeBy: 'VPC flow logs delivery' },
    { api: 'Logs PutLogEvents', action: 'logs:PutLogEvents', target: 'flow-log-group', madeBy: 'VPC flow logs delivery' },
    { api: 'Logs DescribeLogStreams', action: 'logs:DescribeLogStreams', target: 'flow-log-group', madeBy: 'VPC flow logs delivery' },
    { api: 'Logs DescribeLogGroups', action: 'logs:DescribeLogGroups', target: '*', madeBy: 'VPC flow logs delivery' },
  ],
  'ecs-console-task': [
    { api: 'DynamoDB Query (runs-by-status, newest first)', action: 'dynamodb:Query', target: 'table-index', madeBy: `${STATUS_QUERIES} listRuns (console)` },
    { api: 'DynamoDB Query (one run by id)', action: 'dynamodb:Query', target: 'table', madeBy: `${STATUS_QUERIES} getRun (console)` },
    { api: 'KMS Decrypt (table key check)', action: 'kms:Decrypt', target: 'key:dynamodb', madeBy: `DynamoDB on behalf of ${STATUS_QUERIES} (console)` },
    { api: 'S3 GetObject (rejected rows)', action: 's3:GetObject', target: 'object:quarantine/', madeBy: `${RUN_OUTPUTS} runOutputs (console)` },
    { api: 'KMS Decrypt (SSE-KMS object)', action: 'kms:Decrypt', target: 'key:s3', madeBy: `S3 on behalf of ${RUN_OUTPUTS} (console)` },
    { api: 'RDS IAM authentication (balances)', action: 'rds-db:connect', target: 'db-user:reader', madeBy: `${DB_CONNECTION} (console, accountBalances)` },
  ],
  'ecs-console-execution': [
    { api: 'ECR GetAuthorizationToken', action: 'ecr:GetAuthorizationToken', target: '*', madeBy: 'ECS image pull (console task)' },
    { api: 'ECR BatchGetImage', action: 'ecr:BatchGetImage', target: 'repository', madeBy: 'ECS image pull (console task)' },
    { api: 'ECR GetDownloadUrlForLayer', action: 'ecr:GetDownloadUrlForLayer', target: 'repository', madeBy: 'ECS image pull (console task)' },
    { api: 'Logs CreateLogStream', action: 'logs:CreateLogStream', target: 'console-log-group', madeBy: 'ECS awslogs driver (console task)' },
    { api: 'Logs PutLogEvents', action: 'logs:PutLogEvents', target: 'console-log-group', madeBy: 'ECS awslogs driver (console task)' },
  ],
};

/** The distinct actions a set of roles calls on targets of one kind (e.g. every S3 object action of the functions). */
export function actionsOn(roles: readonly WorkloadRole[], targetKind: string): string[] {
  const actions = roles.flatMap((role) => WORKLOAD_CALLS[role]).filter((call) => call.target.startsWith(targetKind)).map((call) => call.action);
  return [...new Set(actions)].sort();
}
