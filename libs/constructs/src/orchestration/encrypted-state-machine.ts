import type { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { SfnStateMachine } from '@cdktf/provider-aws/lib/sfn-state-machine';
import type { Naming } from '@data-platform/config';
import { Construct } from 'constructs';
import { suppressRule } from '../aspects/suppressions.js';
import { stateMachineArn, viaService, type ArnScope } from '../iam/arns.js';
import type { PolicyStatement } from '../iam/policy-document.js';
import { serviceRole } from '../iam/service-role.js';
import { encryptedLogGroup } from '../observability/encrypted-log-group.js';

export interface EncryptedStateMachineProps {
  readonly naming: Naming;
  readonly arnScope: ArnScope;
  /** Physical name of the state machine. */
  readonly stateMachineName: string;
  /** Names its role and the role's policy (see serviceRole). */
  readonly rolePurpose: string;
  readonly type: 'STANDARD' | 'EXPRESS';
  /** Built from the ARN, which is known before the state machine exists (trust and key conditions need it). */
  readonly definition: (arn: string) => Record<string, unknown>;
  /** What the definition's tasks call, and no more. */
  readonly taskStatements: readonly PolicyStatement[];
  readonly kmsKeyArn: string;
  readonly tracing: boolean;
  readonly logRetentionDays: number;
}

/** Actions Step Functions needs to deliver its execution logs to CloudWatch Logs (no resource ARN exists). */
const LOG_DELIVERY_ACTIONS = [
  'logs:CreateLogDelivery', 'logs:DeleteLogDelivery', 'logs:DescribeLogGroups', 'logs:DescribeResourcePolicies',
  'logs:GetLogDelivery', 'logs:ListLogDeliveries', 'logs:PutResourcePolicy', 'logs:UpdateLogDelivery',
];

/**
 * What a caller starting an execution needs of the key: the state machine is encrypted with it, so
 * starting one encrypts the input, for this state machine only.
 */
export function executionInputKey(kmsKeyArn: string, region: string, stateMachineArn: string): PolicyStatement {
  return {
    sid: 'EncryptExecutionInput',
    actions: ['kms:Decrypt', 'kms:GenerateDataKey'],
    resources: [kmsKeyArn],
    conditions: { StringEquals: { 'kms:ViaService': viaService('states', region), 'kms:EncryptionContext:aws:states:stateMachineArn': stateMachineArn } },
  };
}

/**
 * A state machine with what every one of ours has: its own role trusted by it alone, execution
 * data encrypted with the environment key, error logs (without payloads) in an encrypted log
 * group with retention, and tracing as the environment's config says.
 */
export class EncryptedStateMachine extends Construct {
  readonly stateMachine: SfnStateMachine;
  readonly role: IamRole;
  /** The ARN, built from the name: usable in policies before the state machine exists. */
  readonly arn: string;

  constructor(scope: Construct, id: string, props: EncryptedStateMachineProps) {
    super(scope, id);
    const { arnScope, kmsKeyArn } = props;
    const arn = (this.arn = stateMachineArn(arnScope, props.stateMachineName));
    const through = (service: string) => viaService(service, arnScope.region);
    const logGroup = encryptedLogGroup(this, 'logs', { name: `/aws/vendedlogs/states/${props.stateMachineName}`, retentionDays: props.logRetentionDays, kmsKeyArn });
    this.role = serviceRole(this, {
      naming: props.naming,
      purpose: props.rolePurpose,
      service: 'states.amazonaws.com',
      guard: { sourceAccount: arnScope.accountId, sourceArn: arn },
      statements: [
        ...props.taskStatements,
        {
          // Execution history and definition are encrypted with the key, bound to this state machine.
          sid: 'ExecutionDataKey',
          actions: ['kms:Decrypt', 'kms:GenerateDataKey'],
          resources: [kmsKeyArn],
          conditions: { StringEquals: { 'kms:ViaService': through('states'), 'kms:EncryptionContext:aws:states:stateMachineArn': arn } },
        },
        {
          // Execution logs of an encrypted state machine are encrypted before delivery to this account's log groups.
          sid: 'ExecutionLogsKey',
          actions: ['kms:GenerateDataKey'],
          resources: [kmsKeyArn],
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
      name: props.stateMachineName,
      type: props.type,
      roleArn: this.role.arn,
      definition: JSON.stringify(props.definition(arn)),
      // Execution data can hold account ids and amounts: log errors only, without payloads.
      loggingConfiguration: { level: 'ERROR', includeExecutionData: false, logDestination: `${logGroup.arn}:*` },
      tracingConfiguration: { enabled: props.tracing },
      encryptionConfiguration: { type: 'CUSTOMER_MANAGED_KMS_KEY', kmsKeyId: kmsKeyArn, kmsDataKeyReusePeriodSeconds: 300 },
    });
    if (!props.tracing) {
      suppressRule(this.stateMachine, 'sfn-xray-tracing', "Tracing is off in this environment's config (lambda.tracing, SPEC §2)");
    }
  }
}
