import type { Naming } from '@data-platform/config';
import type { Construct } from 'constructs';
import { stateMachineArn, viaService, type ArnScope } from '../iam/arns.js';
import type { PolicyStatement } from '../iam/policy-document.js';
import { EncryptedStateMachine } from './encrypted-state-machine.js';
import { pipelineDefinition, type PipelineDefinitionProps } from './pipeline-definition.js';
import { metricSources } from '../observability/environment-metric-sources.js';

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
export class PipelineStateMachine extends EncryptedStateMachine {
  constructor(scope: Construct, id: string, props: PipelineStateMachineProps) {
    const { naming, arnScope } = props;
    const through = (service: string) => viaService(service, arnScope.region);
    const { fanOut } = props;
    const functionArns = [
      props.validateFunctionArn, props.transformFunctionArn, props.loadFunctionArn, props.quarantineFunctionArn,
      fanOut.planFunctionArn, fanOut.shardFunctionArn, fanOut.mergeFunctionArn, fanOut.assembleFunctionArn,
    ];
    const stateMachineName = metricSources.stateMachineName(naming);
    super(scope, id, {
      naming,
      arnScope,
      stateMachineName,
      rolePurpose: 'sfn-pipeline',
      type: 'STANDARD',
      definition: () => pipelineDefinition({ ...props, environment: naming.context.environment }),
      kmsKeyArn: props.kmsKeyArn,
      tracing: props.tracing,
      logRetentionDays: props.logRetentionDays,
      taskStatements: [
        { sid: 'InvokeHandlers', actions: ['lambda:InvokeFunction'], resources: [...functionArns, ...functionArns.map((arn) => `${arn}:*`)] },
        { sid: 'RecordRuns', actions: ['dynamodb:UpdateItem'], resources: [props.tableArn] },
        ...distributedMapStatements(arnScope, stateMachineName, props),
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
      ],
    });
  }
}
