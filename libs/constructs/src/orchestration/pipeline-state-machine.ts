import { SfnStateMachine } from '@cdktf/provider-aws/lib/sfn-state-machine';
import type { Naming } from '@data-platform/config';
import { Construct } from 'constructs';
import { suppressRule } from '../aspects/suppressions.js';
import { stateMachineArn, viaService, type ArnScope } from '../iam/arns.js';
import type { PolicyStatement } from '../iam/policy-document.js';
import { serviceRole } from '../iam/service-role.js';
import { encryptedLogGroup } from '../observability/encrypted-log-group.js';
import { pipelineDefinition, type PipelineDefinitionProps } from './pipeline-definition.js';

export interface PipelineStateMachineProps extends Omit<PipelineDefinitionProps, 'environment'> {
  readonly naming: Naming;
  readonly arnScope: ArnScope;
  readonly tableArn: string;
  readonly kmsKeyArn: string;
  readonly tracing: boolean;
  readonly logRetentionDays: number;
  /** The data bucket, whose objects' key the Distributed Maps' reads and writes go through. */
  readonly bucketArn: string;
  /** ARN pattern of the fan-out work objects (`…/processed/*\/shards/*`): map items and results. */
  readonly shardObjectsArn: string;
}

/** Actions Step Functions needs to deliver its execution logs to CloudWatch Logs (no resource ARN exists). */
const LOG_DELIVERY_ACTIONS = [
  'logs:CreateLogDelivery', 'logs:DeleteLogDelivery', 'logs:DescribeLogGroups', 'logs:DescribeResourcePolicies',
  'logs:GetLogDelivery', 'logs:ListLogDeliveries', 'logs:PutResourcePolicy', 'logs:UpdateLogDelivery',
];

/**
 * What a Distributed Map needs of the parent's role: starting its child executions (of this state
 * machine itself) and watching or stopping them, reading the item JSON (ItemReader), writing the
 * results (ResultWriter, a multipart upload) — only among the fan-out work objects — and the
 * bucket key for both, bound to this bucket through S3.
 */
function distributedMapStatements(arnScope: ArnScope, name: string, props: PipelineStateMachineProps): PolicyStatement[] {
  return [
    { sid: 'StartMapRuns', actions: ['states:StartExecution'], resources: [stateMachineArn(arnScope, name)] },
    { sid: 'ManageMapRuns', actions: ['states:DescribeExecution', 'states:StopExecution'], resources: [`arn:aws:states:${arnScope.region}:${arnScope.accountId}:execution:${name}/*`] },
    { sid: 'ReadMapItems', actions: ['s3:GetObject'], resources: [props.shardObjectsArn] },
    { sid: 'WriteMapResults', actions: ['s3:AbortMultipartUpload', 's3:ListMultipartUploadParts', 's3:PutObject'], resources: [props.shardObjectsArn] },
    {
      sid: 'MapObjectsKey',
      actions: ['kms:Decrypt', 'kms:GenerateDataKey'],
      resources: [props.kmsKeyArn],
      conditions: { StringEquals: { 'kms:ViaService': viaService('s3', arnScope.region), 'kms:EncryptionContext:aws:s3:arn': props.bucketArn } },
    },
  ];
}

/** The standard workflow running the pipeline, with its own role, encrypted logs and optional tracing. */
export class PipelineStateMachine extends Construct {
  readonly stateMachine: SfnStateMachine;

  constructor(scope: Construct, id: string, props: PipelineStateMachineProps) {
    super(scope, id);
    const { naming, arnScope } = props;
    const name = naming.name('stateMachine', 'sfn', 'pipeline');
    // Built from the name: the role's trust and key conditions need it before the state machine exists.
    const arn = stateMachineArn(arnScope, name);
    const through = (service: string) => viaService(service, arnScope.region);
    const logGroup = encryptedLogGroup(this, 'logs', { name: `/aws/vendedlogs/states/${name}`, retentionDays: props.logRetentionDays, kmsKeyArn: props.kmsKeyArn });
    const { fanOut } = props;
    const functionArns = [
      props.validateFunctionArn, props.transformFunctionArn, props.loadFunctionArn, props.quarantineFunctionArn,
      fanOut.planFunctionArn, fanOut.shardFunctionArn, fanOut.mergeFunctionArn, fanOut.assembleFunctionArn,
    ];
    const role = serviceRole(this, {
      naming,
      purpose: 'sfn-pipeline',
      service: 'states.amazonaws.com',
      guard: { sourceAccount: arnScope.accountId, sourceArn: arn },
      statements: [
        { sid: 'InvokeHandlers', actions: ['lambda:InvokeFunction'], resources: [...functionArns, ...functionArns.map((arn) => `${arn}:*`)] },
        { sid: 'RecordRuns', actions: ['dynamodb:UpdateItem'], resources: [props.tableArn] },
        ...distributedMapStatements(arnScope, name, props),
        { sid: 'PublishEvents', actions: ['sns:Publish'], resources: [props.eventsTopicArn, props.alertTopicArn] },
        {
          sid: 'TableKey',
          actions: ['kms:Decrypt'],
          resources: [props.kmsKeyArn],
          conditions: { StringEquals: { 'kms:ViaService': through('dynamodb'), 'kms:EncryptionContext:aws:dynamodb:tableName': props.tableName } },
        },
        {
          sid: 'TopicsKey',
          actions: ['kms:Decrypt', 'kms:GenerateDataKey'],
          resources: [props.kmsKeyArn],
          conditions: {
            StringEquals: { 'kms:ViaService': through('sns'), 'kms:EncryptionContext:aws:sns:topicArn': [props.eventsTopicArn, props.alertTopicArn] },
          },
        },
        {
          // Execution history and definition are encrypted with the key, bound to this state machine.
          sid: 'ExecutionDataKey',
          actions: ['kms:Decrypt', 'kms:GenerateDataKey'],
          resources: [props.kmsKeyArn],
          conditions: { StringEquals: { 'kms:ViaService': through('states'), 'kms:EncryptionContext:aws:states:stateMachineArn': arn } },
        },
        {
          // Execution logs of an encrypted state machine are encrypted before delivery to this account's log groups.
          sid: 'ExecutionLogsKey',
          actions: ['kms:GenerateDataKey'],
          resources: [props.kmsKeyArn],
          conditions: {
            StringEquals: { 'kms:ViaService': through('states') },
            StringLike: { 'kms:EncryptionContext:SourceArn': `arn:aws:logs:${arnScope.region}:${arnScope.accountId}:*` },
          },
        },
        { sid: 'ExecutionLogs', actions: LOG_DELIVERY_ACTIONS, resources: ['*'] },
        ...(props.tracing
          ? [{ sid: 'Tracing', actions: ['xray:GetSamplingRules', 'xray:GetSamplingTargets', 'xray:PutTelemetryRecords', 'xray:PutTraceSegments'], resources: ['*'] }]
          : []),
      ],
    });
    this.stateMachine = new SfnStateMachine(this, 'state-machine', {
      name,
      type: 'STANDARD',
      roleArn: role.arn,
      definition: JSON.stringify(pipelineDefinition({ ...props, environment: naming.context.environment })),
      // Execution data can hold account ids and amounts: log errors only, without payloads.
      loggingConfiguration: { level: 'ERROR', includeExecutionData: false, logDestination: `${logGroup.arn}:*` },
      tracingConfiguration: { enabled: props.tracing },
      encryptionConfiguration: { type: 'CUSTOMER_MANAGED_KMS_KEY', kmsKeyId: props.kmsKeyArn, kmsDataKeyReusePeriodSeconds: 300 },
    });
    if (!props.tracing) {
      suppressRule(this.stateMachine, 'sfn-xray-tracing', "Tracing is off in this environment's config (lambda.tracing, SPEC §2)");
    }
  }
}
