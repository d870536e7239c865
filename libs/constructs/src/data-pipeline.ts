import type { AlertsConfig, BucketConfig, LambdaConfig, LogsConfig, ProcessingConfig, TableConfig } from '@data-platform/config';
import { HANDLER_ENTRY } from '@data-platform/lambda-handlers/artifacts';
import { Construct } from 'constructs';
import { LambdaInvocation } from '@cdktf/provider-aws/lib/lambda-invocation';
import { FanOutFunctions } from './compute/fan-out-functions.js';
import { SharedLayer } from './compute/shared-layer.js';
import { DATABASE_USERS, type AuroraDatabase } from './database/aurora-database.js';
import { PipelineFunction, type PipelineFunctionProps } from './compute/pipeline-function.js';
import { viaService } from './iam/arns.js';
import type { PolicyStatement } from './iam/policy-document.js';
import { EncryptedTopic } from './messaging/encrypted-topic.js';
import { DeadLetterQueue } from './messaging/dead-letter-queue.js';
import { IngestTrigger } from './orchestration/ingest-trigger.js';
import { PipelineStateMachine } from './orchestration/pipeline-state-machine.js';
import { AccessLogBucket } from './storage/access-log-bucket.js';
import { IngestBucket } from './storage/ingest-bucket.js';
import { MetadataTable } from './storage/metadata-table.js';
import { metricSources } from './observability/environment-metric-sources.js';
import type { EnvironmentContextProps } from './environment-context.js';

/** Object key prefixes of the data contract (SPEC §5). */
export const DATA_PREFIXES = { raw: 'raw/', processed: 'processed/', quarantine: 'quarantine/' } as const;

/** CloudWatch namespace of the functions' Powertools metrics. */
export const METRICS_NAMESPACE = 'DataPipeline';
/** The handlers the stack deploys, by their file name under libs/lambda-handlers/src/handlers/. */
export const HANDLER_NAMES = [
  'validate-object', 'transform-object', 'load-aggregates', 'quarantine-object', 'migrate-database', 'status-api',
  'plan-shards', 'process-shard', 'merge-shards', 'assemble-shards',
] as const;
export type HandlerName = (typeof HANDLER_NAMES)[number];

/** Where the built Lambda code is. */
export interface PipelineArtifacts {
  /** Absolute zip path per handler name. */
  readonly handlerZips: Readonly<Record<HandlerName, string>>;
  readonly layerZip: string;
}

export interface DataPipelineProps extends EnvironmentContextProps {
  readonly lambda: LambdaConfig;
  /** The fan-out path's threshold, shard size and map width. */
  readonly processing: ProcessingConfig;
  readonly bucket: BucketConfig;
  readonly table: TableConfig;
  readonly logs: LogsConfig;
  readonly alerts: AlertsConfig;
  /** Data protection of the bucket and table (the environment's `protection` knob). */
  readonly protection: boolean;
  readonly artifacts: PipelineArtifacts;
  readonly privateSubnetIds: readonly string[];
  readonly lambdaSecurityGroupIds: readonly string[];
  /** The database the load step writes and the migrations shape. */
  readonly database: AuroraDatabase;
}

/**
 * SPEC §3.2: ingest bucket → EventBridge → Step Functions (validate → transform → load → record →
 * notify), metadata table, alert and event topics, DLQ, the shared layer and least-privilege
 * Lambdas, and the migration function Terraform invokes on deploy (§3.3).
 */
export class DataPipeline extends Construct {
  readonly bucket: IngestBucket;
  readonly accessLogs: AccessLogBucket;
  readonly trigger: IngestTrigger;
  readonly table: MetadataTable;
  readonly alertTopic: EncryptedTopic;
  readonly eventsTopic: EncryptedTopic;
  readonly deadLetterQueue: DeadLetterQueue;
  readonly stateMachine: PipelineStateMachine;
  readonly functions: Record<'validate' | 'transform' | 'load' | 'quarantine' | 'migrate', PipelineFunction>;
  readonly fanOut: FanOutFunctions;
  readonly layer: SharedLayer;

  constructor(scope: Construct, id: string, props: DataPipelineProps) {
    super(scope, id);
    const { naming, kmsKeyArn, arnScope } = props;
    const dataBucketName = naming.bucket('data');
    this.accessLogs = new AccessLogBucket(this, 'access-logs', {
      bucketName: naming.bucket('access-logs'),
      accountId: arnScope.accountId,
      sourceBuckets: [dataBucketName],
      expirationDays: props.logs.retentionDays,
      protection: props.protection,
    });
    this.bucket = new IngestBucket(this, 'ingest-bucket', {
      bucketName: dataBucketName,
      kmsKeyArn,
      config: props.bucket,
      accessLogBucket: this.accessLogs.bucket.bucket,
      protection: props.protection,
    });
    this.table = new MetadataTable(this, 'metadata-table', {
      tableName: naming.name('dynamodbTable', 'table', 'pipeline-metadata'),
      kmsKeyArn,
      config: props.table,
      protection: props.protection,
    });
    this.alertTopic = new EncryptedTopic(this, 'alert-topic', {
      topicName: naming.name('snsTopic', 'sns', 'alerts'),
      kmsKeyArn,
      accountId: arnScope.accountId,
      emails: props.alerts.emails,
    });
    this.eventsTopic = new EncryptedTopic(this, 'events-topic', {
      topicName: naming.name('snsTopic', 'sns', 'pipeline-events'),
      kmsKeyArn,
      accountId: arnScope.accountId,
      emails: [],
    });
    this.deadLetterQueue = new DeadLetterQueue(this, 'dlq', { queueName: metricSources.deadLetterQueueName(naming), kmsKeyArn });
    const layer = (this.layer = new SharedLayer(this, 'layer', { layerName: naming.name('lambdaLayer', 'layer', 'shared'), zipPath: props.artifacts.layerZip }));

    // Each statement below is what the calls listed in iam/workload-calls.ts need, and no more.
    const bucketArn = this.bucket.bucket.arn;
    const objects = (prefix: string) => `${bucketArn}/${prefix}*`;
    const tableArn = this.table.table.arn;
    // The bucket uses S3 Bucket Keys, so S3 asks KMS with the bucket's ARN as encryption context.
    const objectKey = (actions: string[]): PolicyStatement => ({
      sid: 'ObjectKey',
      actions,
      resources: [kmsKeyArn],
      conditions: { StringEquals: { 'kms:ViaService': viaService('s3', arnScope.region), 'kms:EncryptionContext:aws:s3:arn': bucketArn } },
    });
    const tableKey: PolicyStatement = {
      sid: 'TableKey',
      actions: ['kms:Decrypt'],
      resources: [kmsKeyArn],
      conditions: {
        StringEquals: { 'kms:ViaService': viaService('dynamodb', arnScope.region), 'kms:EncryptionContext:aws:dynamodb:tableName': this.table.table.name },
      },
    };
    const readRaw: PolicyStatement = { sid: 'ReadRaw', actions: ['s3:GetObject', 's3:GetObjectVersion'], resources: [objects(DATA_PREFIXES.raw)] };

    const common: Omit<PipelineFunctionProps, 'name' | 'description' | 'zipPath' | 'permissions' | 'memoryMb'> = {
      naming,
      arnScope,
      reservedConcurrency: props.lambda.reservedConcurrency.processing,
      handler: HANDLER_ENTRY,
      timeoutSeconds: props.lambda.processingTimeoutSeconds,
      tracing: props.lambda.tracing,
      logRetentionDays: props.logs.retentionDays,
      kmsKeyArn,
      layerArns: [layer.layer.arn],
      subnetIds: props.privateSubnetIds,
      securityGroupIds: props.lambdaSecurityGroupIds,
      environment: {
        TABLE_NAME: this.table.table.name,
        RAW_PREFIX: DATA_PREFIXES.raw,
        PROCESSED_PREFIX: DATA_PREFIXES.processed,
        QUARANTINE_PREFIX: DATA_PREFIXES.quarantine,
        POWERTOOLS_METRICS_NAMESPACE: METRICS_NAMESPACE,
        POWERTOOLS_TRACE_ENABLED: String(props.lambda.tracing),
      },
    };
    const { database } = props;
    const databaseClient = { securityGroupIds: [...props.lambdaSecurityGroupIds, database.clientSecurityGroup.id] };
    // Every processing function: the shared settings, its handler's zip and the processing memory.
    const pipelineFunction = (name: keyof DataPipeline['functions'], handler: HandlerName, own: Pick<PipelineFunctionProps, 'description' | 'permissions'> & Partial<PipelineFunctionProps>) =>
      new PipelineFunction(this, name, {
        ...common,
        name,
        zipPath: props.artifacts.handlerZips[handler],
        memoryMb: props.lambda.processingMemoryMb,
        ephemeralStorageMb: props.lambda.ephemeralStorageMb[name],
        ...own,
      });
    this.functions = {
      validate: pipelineFunction('validate', 'validate-object', {
        description: 'Checks a landed object and claims its run (idempotency)',
        // Reads only: Decrypt is all it needs of the key (no GenerateDataKey: it writes no object).
        permissions: [readRaw, objectKey(['kms:Decrypt']), tableKey, { sid: 'ClaimRun', actions: ['dynamodb:GetItem', 'dynamodb:PutItem'], resources: [tableArn] }],
      }),
      transform: pipelineFunction('transform', 'transform-object', {
        description: 'Streams a transaction file into normalized records, summary and quarantine report',
        permissions: [
          readRaw,
          // Multipart uploads need Decrypt as well as GenerateDataKey.
          objectKey(['kms:Decrypt', 'kms:GenerateDataKey']),
          tableKey,
          { sid: 'WriteOutputs', actions: ['s3:AbortMultipartUpload', 's3:PutObject'], resources: [objects(DATA_PREFIXES.processed), objects(DATA_PREFIXES.quarantine)] },
          { sid: 'UpdateRun', actions: ['dynamodb:UpdateItem'], resources: [tableArn] },
        ],
      }),
      load: pipelineFunction('load', 'load-aggregates', {
        ...databaseClient,
        description: "Writes a run's daily aggregates into the database in one transaction",
        environment: { ...common.environment, ...database.clientEnvironment(DATABASE_USERS.loader) },
        permissions: [
          { sid: 'ReadSummary', actions: ['s3:GetObject'], resources: [objects(DATA_PREFIXES.processed)] },
          objectKey(['kms:Decrypt']),
          { sid: 'ConnectAsLoader', actions: ['rds-db:connect'], resources: [database.connectArn(DATABASE_USERS.loader)] },
        ],
      }),
      migrate: pipelineFunction('migrate', 'migrate-database', {
        ...databaseClient,
        description: 'Applies pending SQL migrations as the master user (invoked on deploy)',
        // Runs once per deploy, never concurrently with itself.
        reservedConcurrency: common.reservedConcurrency === null ? null : 1,
        environment: {
          ...common.environment,
          ...database.clientEnvironment(database.masterUsername, 'secret'),
          // A clone holds prod's data: the migration step runs the masking hook on it once.
          ...(database.clonedFrom ? { DB_CLONED_FROM: database.clonedFrom } : {}),
        },
        permissions: [
          { sid: 'ReadMasterSecret', actions: ['secretsmanager:GetSecretValue'], resources: [database.masterSecretArn] },
          {
            sid: 'MasterSecretKey',
            actions: ['kms:Decrypt'],
            resources: [kmsKeyArn],
            conditions: {
              StringEquals: { 'kms:ViaService': viaService('secretsmanager', arnScope.region), 'kms:EncryptionContext:SecretARN': database.masterSecretArn },
            },
          },
        ],
      }),
      quarantine: pipelineFunction('quarantine', 'quarantine-object', {
        description: 'Moves a rejected object under quarantine/ and names the run to mark failed',
        permissions: [
          readRaw,
          objectKey(['kms:Decrypt', 'kms:GenerateDataKey']),
          { sid: 'WriteQuarantine', actions: ['s3:AbortMultipartUpload', 's3:PutObject'], resources: [objects(DATA_PREFIXES.quarantine)] },
        ],
      }),
    };

    // The fan-out path's work objects: per object version, under processed/…/shards/.
    const shardObjectsArn = `${bucketArn}/${DATA_PREFIXES.processed}*/shards/*`;
    this.fanOut = new FanOutFunctions(this, 'fan-out', {
      common: { ...common, memoryMb: props.lambda.processingMemoryMb },
      zips: {
        plan: props.artifacts.handlerZips['plan-shards'],
        shard: props.artifacts.handlerZips['process-shard'],
        merge: props.artifacts.handlerZips['merge-shards'],
        assemble: props.artifacts.handlerZips['assemble-shards'],
      },
      ephemeralStorageMb: props.lambda.ephemeralStorageMb,
      wholeFileTimeoutSeconds: props.lambda.fanOutStepTimeoutSeconds,
      readSource: readRaw,
      objectKey,
      shardObjectsArn,
      outputObjectArns: [objects(DATA_PREFIXES.processed), objects(DATA_PREFIXES.quarantine)],
      tableArn,
      tableKey,
    });
    const MB = 1024 * 1024;

    this.stateMachine = new PipelineStateMachine(this, 'state-machine', {
      naming,
      arnScope,
      validateFunctionArn: this.functions.validate.function.arn,
      transformFunctionArn: this.functions.transform.function.arn,
      loadFunctionArn: this.functions.load.function.arn,
      quarantineFunctionArn: this.functions.quarantine.function.arn,
      tableName: this.table.table.name,
      tableArn,
      eventsTopicArn: this.eventsTopic.topic.arn,
      alertTopicArn: this.alertTopic.topic.arn,
      kmsKeyArn,
      tracing: props.lambda.tracing,
      logRetentionDays: props.logs.retentionDays,
      bucketArn,
      shardObjectsArn,
      fanOut: {
        planFunctionArn: this.fanOut.plan.function.arn,
        shardFunctionArn: this.fanOut.shard.function.arn,
        mergeFunctionArn: this.fanOut.merge.function.arn,
        assembleFunctionArn: this.fanOut.assemble.function.arn,
        aboveBytes: props.processing.fanOutAboveMb * MB,
        shardBytes: props.processing.shardMb * MB,
        maxConcurrency: props.processing.maxConcurrency,
        toleratedFailurePercentage: props.processing.toleratedFailurePercentage,
      },
    });
    this.trigger = new IngestTrigger(this, 'trigger', {
      naming,
      arnScope,
      bucketName: this.bucket.bucket.bucket,
      prefix: DATA_PREFIXES.raw,
      stateMachineArn: this.stateMachine.stateMachine.arn,
      kmsKeyArn,
      deadLetterQueueArn: this.deadLetterQueue.queue.arn,
    });
    this.deadLetterQueue.allowEventBridgeRules([this.trigger.rule.arn]);

    // Migrations run on deploy, once the cluster has a writer: again whenever the function's code
    // (which bundles the SQL files) changes. A failed migration fails the apply, before the new
    // load code can meet an old schema.
    new LambdaInvocation(this, 'migrations', {
      functionName: this.functions.migrate.function.functionName,
      input: JSON.stringify({}),
      // A clone runs again when the cluster is replaced by a new clone (its masking hook with it).
      triggers: { code: this.functions.migrate.function.sourceCodeHash, ...(database.clonedFrom ? { cluster: database.cluster.clusterResourceId } : {}) },
      dependsOn: [...database.instances],
    });
  }
}
