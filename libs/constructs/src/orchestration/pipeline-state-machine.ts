import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { SfnStateMachine } from '@cdktf/provider-aws/lib/sfn-state-machine';
import type { Naming } from '@data-platform/config';
import { Construct } from 'constructs';
import { suppressRule } from '../aspects/suppressions.js';
import { stateMachineArn, viaService, type ArnScope } from '../iam/arns.js';
import { assumeRolePolicy, policyDocument } from '../iam/policy-document.js';
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

/** Actions Step Functions needs to deliver its execution logs to CloudWatch Logs (no resource ARN exists). */
const LOG_DELIVERY_ACTIONS = [
  'logs:CreateLogDelivery', 'logs:DeleteLogDelivery', 'logs:DescribeLogGroups', 'logs:DescribeResourcePolicies',
  'logs:GetLogDelivery', 'logs:ListLogDeliveries', 'logs:PutResourcePolicy', 'logs:UpdateLogDelivery',
];

/** The standard workflow running the pipeline, with its own role, encrypted logs and optional tracing. */
export class PipelineStateMachine extends Construct {
  readonly stateMachine: SfnStateMachine;

  constructor(scope: Construct, id: string, props: PipelineStateMachineProps) {
    super(scope, id);
    const { naming, arnScope } = props;
    const name = metricSources.stateMachineName(naming);
    // Built from the name: the role's trust and key conditions need it before the state machine exists.
    const arn = stateMachineArn(arnScope, name);
    const through = (service: string) => viaService(service, arnScope.region);
    const logGroup = new CloudwatchLogGroup(this, 'logs', {
      name: `/aws/vendedlogs/states/${name}`,
      retentionInDays: props.logRetentionDays,
      kmsKeyId: props.kmsKeyArn,
    });
    const role = new IamRole(this, 'role', {
      name: naming.name('iamRole', 'role', 'sfn-pipeline'),
      assumeRolePolicy: assumeRolePolicy('states.amazonaws.com', { sourceAccount: arnScope.accountId, sourceArn: arn }),
    });
    const functionArns = [props.validateFunctionArn, props.transformFunctionArn, props.loadFunctionArn, props.quarantineFunctionArn];
    new IamRolePolicy(this, 'policy', {
      name: naming.name('iamPolicy', 'policy', 'sfn-pipeline'),
      role: role.id,
      policy: policyDocument([
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
      ]),
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
