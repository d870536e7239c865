import { block, ruleFor } from './rule.js';

/** Functions run in the private subnets, reaching AWS through the VPC endpoints. */
export const lambdaInVpc = ruleFor('aws_lambda_function', 'lambda-in-vpc', ['CKV_AWS_117'], {
  description: 'Every function runs inside the VPC (subnets and security groups set)',
  check(fn) {
    const vpc = block(fn.config['vpc_config']);
    const subnets = [vpc?.['subnet_ids']].flat().filter(Boolean);
    const groups = [vpc?.['security_group_ids']].flat().filter(Boolean);
    return subnets.length > 0 && groups.length > 0 ? [] : ['function has no vpc_config with subnets and security groups'];
  },
});
