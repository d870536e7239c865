import type { AlertsConfig, BucketConfig, LambdaConfig, LogsConfig, Naming, TableConfig } from '@data-platform/config';
import { Construct } from 'constructs';
import { SharedLayer } from './compute/shared-layer.js';
import { PipelineFunction, type PipelineFunctionProps } from './compute/pipeline-function.js';
import { viaService, type ArnScope } from './iam/arns.js';
import type { PolicyStatement } from './iam/policy-document.js';
import { EncryptedTopic } from './messaging/encrypted-topic.js';
import { DeadLetterQueue } from './messaging/dead-letter-queue.js';
import { IngestTrigger } from './orchestration/ingest-trigger.js';
import { PipelineStateMachine } from './orchestration/pipeline-state-machine.js';
import { AccessLogBucket } from './storage/access-log-bucket.js';
import { IngestBucket } from './storage/ingest-bucket.js';
import { MetadataTable } from './storage/metadata-table.js';

/** Object key prefixes of the data contract (SPEC §5). */
export const DATA_PREFIXES = { raw: 'raw/', processed: 'processed/', quarantine: 'quarantine/' } as const;

/** CloudWatch namespace of the functions' Powertools metrics. */
export const METRICS_NAMESPACE = 'DataPipeline';

/** Where the built Lambda code is. */
export interface PipelineArtifacts {
  /** Absolute zip path per handler name (`validate-object`, `transform-object`, `quarantine-object`). */
  readonly handlerZips: Readonly<Record<'validate-object' | 'transform-object' | 'quarantine-object', string>>;
  readonly layerZip: string;
}

export interface DataPipelineProps {
  readonly naming: Naming;
  readonly arnScope: ArnScope;
  readonly kmsKeyArn: string;
  readonly lambda: LambdaConfig;
  readonly bucket: BucketConfig;
  readonly table: TableConfig;
  readonly logs: LogsConfig;
  readonly alerts: AlertsConfig;
  /** Data protection of the bucket and table (the environment's `protection` knob). */
  readonly protection: boolean;
  readonly artifacts: PipelineArtifacts;
  readonly privateSubnetIds: readonly string[];
  readonly lambdaSecurityGroupIds: readonly string[];
}

/**
 * SPEC §3.2: ingest bucket → EventBridge → Step Functions (validate → transform → record → notify),
 * metadata table, alert and event topics, DLQ, the shared layer and three least-privilege Lambdas.
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
  readonly functions: Record<'validate' | 'transform' | 'quarantine', PipelineFunction>;

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
    this.deadLetterQueue = new DeadLetterQueue(this, 'dlq', { queueName: naming.name('sqsQueue', 'sqs', 'pipeline-dlq'), kmsKeyArn });
    const layer = new SharedLayer(this, 'layer', { layerName: naming.name('lambdaLayer', 'layer', 'shared'), zipPath: props.artifacts.layerZip });

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
      handler: 'index.handler',
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
    const memoryMb = props.lambda.processingMemoryMb;
    this.functions = {
      validate: new PipelineFunction(this, 'validate', {
        ...common,
        name: 'validate',
        description: 'Checks a landed object and claims its run (idempotency)',
        zipPath: props.artifacts.handlerZips['validate-object'],
        memoryMb,
        // Reads only: Decrypt is all it needs of the key (no GenerateDataKey: it writes no object).
        permissions: [readRaw, objectKey(['kms:Decrypt']), tableKey, { sid: 'ClaimRun', actions: ['dynamodb:GetItem', 'dynamodb:PutItem'], resources: [tableArn] }],
      }),
      transform: new PipelineFunction(this, 'transform', {
        ...common,
        name: 'transform',
        description: 'Streams a transaction file into normalized records, summary and quarantine report',
        zipPath: props.artifacts.handlerZips['transform-object'],
        memoryMb,
        permissions: [
          readRaw,
          // Multipart uploads need Decrypt as well as GenerateDataKey.
          objectKey(['kms:Decrypt', 'kms:GenerateDataKey']),
          tableKey,
          { sid: 'WriteOutputs', actions: ['s3:AbortMultipartUpload', 's3:PutObject'], resources: [objects(DATA_PREFIXES.processed), objects(DATA_PREFIXES.quarantine)] },
          { sid: 'UpdateRun', actions: ['dynamodb:UpdateItem'], resources: [tableArn] },
        ],
      }),
      quarantine: new PipelineFunction(this, 'quarantine', {
        ...common,
        name: 'quarantine',
        description: 'Moves a rejected object under quarantine/ and names the run to mark failed',
        zipPath: props.artifacts.handlerZips['quarantine-object'],
        memoryMb,
        permissions: [
          readRaw,
          objectKey(['kms:Decrypt', 'kms:GenerateDataKey']),
          { sid: 'WriteQuarantine', actions: ['s3:AbortMultipartUpload', 's3:PutObject'], resources: [objects(DATA_PREFIXES.quarantine)] },
        ],
      }),
    };

    this.stateMachine = new PipelineStateMachine(this, 'state-machine', {
      naming,
      arnScope,
      validateFunctionArn: this.functions.validate.function.arn,
      transformFunctionArn: this.functions.transform.function.arn,
      quarantineFunctionArn: this.functions.quarantine.function.arn,
      tableName: this.table.table.name,
      tableArn,
      eventsTopicArn: this.eventsTopic.topic.arn,
      alertTopicArn: this.alertTopic.topic.arn,
      kmsKeyArn,
      tracing: props.lambda.tracing,
      logRetentionDays: props.logs.retentionDays,
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
  }
}
