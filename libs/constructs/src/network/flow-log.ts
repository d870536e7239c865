import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { FlowLog } from '@cdktf/provider-aws/lib/flow-log';
import type { Naming } from '@data-platform/config';
import { Construct } from 'constructs';
import { flowLogArnPattern, type ArnScope } from '../iam/arns.js';
import { serviceRole } from '../iam/service-role.js';
import { encryptedLogGroup } from '../observability/encrypted-log-group.js';

export interface VpcFlowLogProps {
  readonly naming: Naming;
  readonly arnScope: ArnScope;
  readonly vpcId: string;
  /** Name of the VPC, which names the log group. */
  readonly vpcName: string;
  readonly kmsKeyArn: string;
  readonly retentionDays: number;
}

/** Ten minutes: the cheaper aggregation interval; flow logs serve investigation, not alerting. */
const AGGREGATION_SECONDS = 600;

/** Flow logs of all VPC traffic into a KMS-encrypted log group with the environment's retention. */
export class VpcFlowLog extends Construct {
  readonly logGroup: CloudwatchLogGroup;

  constructor(scope: Construct, id: string, props: VpcFlowLogProps) {
    super(scope, id);
    const { naming, arnScope } = props;
    this.logGroup = encryptedLogGroup(this, 'logs', { name: `/vpc/flow-logs/${props.vpcName}`, retentionDays: props.retentionDays, kmsKeyArn: props.kmsKeyArn });
    const role = serviceRole(this, {
      naming,
      purpose: 'vpc-flow-logs',
      service: 'vpc-flow-logs.amazonaws.com',
      guard: { sourceAccount: arnScope.accountId, sourceArn: flowLogArnPattern(arnScope) },
      statements: [
        { sid: 'WriteFlowLogs', actions: ['logs:CreateLogStream', 'logs:DescribeLogStreams', 'logs:PutLogEvents'], resources: [`${this.logGroup.arn}:*`] },
        { sid: 'FindLogGroup', actions: ['logs:DescribeLogGroups'], resources: ['*'] },
      ],
    });
    new FlowLog(this, 'flow-log', {
      vpcId: props.vpcId,
      trafficType: 'ALL',
      logDestinationType: 'cloud-watch-logs',
      logDestination: this.logGroup.arn,
      iamRoleArn: role.arn,
      maxAggregationInterval: AGGREGATION_SECONDS,
      tags: { Name: naming.name('generic', 'flowlog', 'vpc') },
    });
  }
}
