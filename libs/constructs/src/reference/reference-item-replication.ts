import type { DynamodbTable } from '@cdktf/provider-aws/lib/dynamodb-table';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { PipesPipe } from '@cdktf/provider-aws/lib/pipes-pipe';
import type { EnvironmentRef, Naming } from '@data-platform/config';
import { Construct } from 'constructs';
import { viaService, type ArnScope } from '../iam/arns.js';
import { assumeRolePolicy, policyDocument } from '../iam/policy-document.js';
import { DeadLetterQueue } from '../messaging/dead-letter-queue.js';
import { EncryptedStateMachine, executionInputKey } from '../orchestration/encrypted-state-machine.js';
import { environmentStores, REFERENCE_ROLE_NAMES } from './reference-endpoints.js';
import { referenceItemDefinition } from './reference-item-definition.js';

export interface ReferenceItemReplicationProps {
  readonly naming: Naming;
  readonly arnScope: ArnScope;
  /** The source reference table, with its stream on. */
  readonly table: DynamodbTable;
  readonly kmsKeyArn: string;
  /** Lower environments whose reference tables receive the items. */
  readonly destinations: readonly EnvironmentRef[];
  readonly tracing: boolean;
  readonly logRetentionDays: number;
}

/**
 * How the pipe reads the stream. A failed batch is retried (halved each time, so one bad record
 * cannot hold back the rest), then its stream position goes to the dead-letter queue; records
 * older than a day are dropped to the queue rather than replayed into a table edited since.
 */
export const ITEM_PIPE_SOURCE = {
  startingPosition: 'TRIM_HORIZON',
  batchSize: 10,
  maximumBatchingWindowInSeconds: 1,
  maximumRetryAttempts: 10,
  maximumRecordAgeInSeconds: 86_400,
  onPartialBatchItemFailure: 'AUTOMATIC_BISECT',
} as const;

/**
 * SPEC §3.11 items: the source table's stream → EventBridge Pipes → an Express workflow whose
 * DynamoDB SDK tasks write each change into the lower environments' reference tables, through a
 * writer role in each destination account ({@link ReferenceItemWriter}). No Lambda: the copy is a
 * PutItem or DeleteItem of the image the stream already carries.
 */
export class ReferenceItemReplication extends Construct {
  readonly stateMachine: EncryptedStateMachine;
  readonly pipe: PipesPipe;
  readonly deadLetterQueue: DeadLetterQueue;
  /** Where a batch goes after its last retry: worth an alarm, since nothing else reports it. */
  readonly deadLetterQueueName: string;

  constructor(scope: Construct, id: string, props: ReferenceItemReplicationProps) {
    super(scope, id);
    const { naming, arnScope, kmsKeyArn } = props;
    const destinations = props.destinations.map((ref) => ({ ref, ...environmentStores(naming.context.project, arnScope.region, ref) }));
    this.stateMachine = new EncryptedStateMachine(this, 'state-machine', {
      arnScope,
      naming,
      stateMachineName: naming.name('stateMachine', 'sfn', 'reference-items'),
      rolePurpose: REFERENCE_ROLE_NAMES.items,
      type: 'EXPRESS',
      definition: () =>
        referenceItemDefinition(destinations.map((d) => ({ environment: d.ref.environment, tableName: d.referenceTableName, writerRoleArn: d.referenceWriterRoleArn }))),
      // The tasks act as each destination's writer role; this role can do nothing else to those accounts.
      taskStatements: [{ sid: 'ActAsDestinationWriters', actions: ['sts:AssumeRole'], resources: destinations.map((d) => d.referenceWriterRoleArn) }],
      kmsKeyArn,
      tracing: props.tracing,
      logRetentionDays: props.logRetentionDays,
    });
    this.deadLetterQueueName = naming.name('sqsQueue', 'sqs', 'reference-items-dlq');
    this.deadLetterQueue = new DeadLetterQueue(this, 'dlq', { queueName: this.deadLetterQueueName, kmsKeyArn });

    const pipeName = naming.name('pipe', 'pipe', 'reference-items');
    const role = new IamRole(this, 'pipe-role', {
      name: naming.name('iamRole', 'role', 'pipe-reference-items'),
      assumeRolePolicy: assumeRolePolicy('pipes.amazonaws.com', { sourceAccount: arnScope.accountId, sourceArn: `arn:aws:pipes:${arnScope.region}:${arnScope.accountId}:pipe/${pipeName}` }),
    });
    const queueArn = this.deadLetterQueue.queue.arn;
    const through = (service: string) => viaService(service, arnScope.region);
    const policy = new IamRolePolicy(this, 'pipe-policy', {
      name: naming.name('iamPolicy', 'policy', 'pipe-reference-items'),
      role: role.id,
      policy: policyDocument([
        { sid: 'ReadReferenceStream', actions: ['dynamodb:DescribeStream', 'dynamodb:GetRecords', 'dynamodb:GetShardIterator', 'dynamodb:ListStreams'], resources: [props.table.streamArn] },
        {
          // Stream records of a table encrypted with the customer-managed key are decrypted through DynamoDB.
          sid: 'StreamKey',
          actions: ['kms:Decrypt'],
          resources: [kmsKeyArn],
          conditions: { StringEquals: { 'kms:ViaService': through('dynamodb'), 'kms:EncryptionContext:aws:dynamodb:tableName': props.table.name } },
        },
        { sid: 'StartReplication', actions: ['states:StartSyncExecution'], resources: [this.stateMachine.arn] },
        executionInputKey(kmsKeyArn, arnScope.region, this.stateMachine.arn),
        { sid: 'DeadLetterFailedBatches', actions: ['sqs:SendMessage'], resources: [queueArn] },
        {
          sid: 'DeadLetterKey',
          actions: ['kms:Decrypt', 'kms:GenerateDataKey'],
          resources: [kmsKeyArn],
          conditions: { StringEquals: { 'kms:ViaService': through('sqs'), 'kms:EncryptionContext:aws:sqs:arn': queueArn } },
        },
      ]),
    });
    this.pipe = new PipesPipe(this, 'pipe', {
      // Pipes checks the role's access to the source and target when the pipe is created.
      dependsOn: [policy],
      name: pipeName,
      description: "Reference-table changes to the lower environments' reference tables",
      roleArn: role.arn,
      source: props.table.streamArn,
      sourceParameters: { dynamodbStreamParameters: { ...ITEM_PIPE_SOURCE, deadLetterConfig: { arn: queueArn } } },
      target: this.stateMachine.stateMachine.arn,
      // Synchronous: a failed execution fails the batch, so the pipe retries it and dead-letters it.
      targetParameters: { stepFunctionStateMachineParameters: { invocationType: 'REQUEST_RESPONSE' } },
    });
  }
}
