import type { Naming } from '@data-platform/config';
import type { Construct } from 'constructs';
import { viaService, type ArnScope } from '../iam/arns.js';
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
}

/** The standard workflow running the pipeline, with its own role, encrypted logs and optional tracing. */
export class PipelineStateMachine extends EncryptedStateMachine {
  constructor(scope: Construct, id: string, props: PipelineStateMachineProps) {
    const { naming, arnScope } = props;
    const through = (service: string) => viaService(service, arnScope.region);
    const functionArns = [props.validateFunctionArn, props.transformFunctionArn, props.loadFunctionArn, props.quarantineFunctionArn];
    super(scope, id, {
      arnScope,
      names: {
        stateMachine: metricSources.stateMachineName(naming),
        role: naming.name('iamRole', 'role', 'sfn-pipeline'),
        policy: naming.name('iamPolicy', 'policy', 'sfn-pipeline'),
      },
      type: 'STANDARD',
      definition: () => pipelineDefinition({ ...props, environment: naming.context.environment }),
      kmsKeyArn: props.kmsKeyArn,
      tracing: props.tracing,
      logRetentionDays: props.logRetentionDays,
      taskStatements: [
        { sid: 'InvokeHandlers', actions: ['lambda:InvokeFunction'], resources: [...functionArns, ...functionArns.map((arn) => `${arn}:*`)] },
        { sid: 'RecordRuns', actions: ['dynamodb:UpdateItem'], resources: [props.tableArn] },
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
