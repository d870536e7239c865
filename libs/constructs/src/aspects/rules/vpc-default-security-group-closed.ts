import { refersTo, ruleFor } from './rule.js';

const isEmpty = (rules: unknown) => rules === undefined || (Array.isArray(rules) && rules.length === 0);

/** The default security group is managed and has no rules, so nothing can rely on it (CIS 5.4). */
export const vpcDefaultSecurityGroupClosed = ruleFor('aws_vpc', 'vpc-default-security-group-closed', ['CKV2_AWS_12', 'AVD-AWS-0173'], {
  description: "Every VPC's default security group is managed with no ingress or egress rules",
  check(vpc, { resources }) {
    const [group] = resources.filter((r) => r.type === 'aws_default_security_group' && refersTo(r.config['vpc_id'], vpc));
    if (!group) return ['VPC default security group is not managed (aws_default_security_group)'];
    return isEmpty(group.config['ingress']) && isEmpty(group.config['egress']) ? [] : ['default security group has rules'];
  },
});
