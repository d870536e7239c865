import { refersTo, ruleFor } from './rule.js';

/** Flow logs record accepted and rejected traffic of the whole VPC. */
export const vpcFlowLogs = ruleFor('aws_vpc', 'vpc-flow-logs', ['CKV2_AWS_11', 'AVD-AWS-0178'], {
  description: 'Every VPC has a flow log capturing all traffic',
  check(vpc, { resources }) {
    const logs = resources.filter((r) => r.type === 'aws_flow_log' && refersTo(r.config['vpc_id'], vpc));
    if (logs.length === 0) return ['VPC has no aws_flow_log'];
    return logs.some((l) => l.config['traffic_type'] === 'ALL') ? [] : ['VPC flow log does not capture ALL traffic'];
  },
});
