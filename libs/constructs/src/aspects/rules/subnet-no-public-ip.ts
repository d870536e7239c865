import { isTrue, ruleFor } from './rule.js';

/** Nothing launched into a subnet gets a public address by default. */
export const subnetNoPublicIp = ruleFor('aws_subnet', 'subnet-no-public-ip', ['CKV_AWS_130', 'AVD-AWS-0164'], {
  description: 'No subnet assigns public IPs on launch',
  check(subnet) {
    return isTrue(subnet.config['map_public_ip_on_launch']) ? ['subnet maps public IPs on launch'] : [];
  },
});
