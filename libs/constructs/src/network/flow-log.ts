import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { FlowLog } from '@cdktf/provider-aws/lib/flow-log';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import type { Naming } from '@data-platform/config';
import { Construct } from 'constructs';
import { flowLogArnPattern, type ArnScope } from '../iam/arns.js';
import { assumeRolePolicy, policyDocument } from '../iam/policy-document.js';

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
    this.logGroup = new CloudwatchLogGroup(this, 'logs', {
      name: `/vpc/flow-logs/${props.vpcName}`,
      retentionInDays: props.retentionDays,
      kmsKeyId: props.kmsKeyArn,
    });
    const role = new IamRole(this, 'role', {
      name: naming.name('iamRole', 'role', 'vpc-flow-logs'),
      assumeRolePolicy: assumeRolePolicy('vpc-flow-logs.amazonaws.com', { sourceAccount: arnScope.accountId, sourceArn: flowLogArnPattern(arnScope) }),
    });
    new IamRolePolicy(this, 'policy', {
      name: naming.name('iamPolicy', 'policy', 'vpc-flow-logs'),
      role: role.id,
      policy: policyDocument([
        { sid: 'WriteFlowLogs', actions: ['logs:CreateLogStream', 'logs:DescribeLogStreams', 'logs:PutLogEvents'], resources: [`${this.logGroup.arn}:*`] },
        { sid: 'FindLogGroup', actions: ['logs:DescribeLogGroups'], resources: ['*'] },
      ]),
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
