import { block, isTrue, ruleFor } from './rule.js';

/** Tasks stay in private subnets; only the load balancer faces the internet. */
export const ecsServiceNoPublicIp = ruleFor('aws_ecs_service', 'ecs-service-no-public-ip', ['CKV_AWS_333'], {
  description: 'No ECS service assigns public IPs to its tasks',
  check(service) {
    return isTrue(block(service.config['network_configuration'])?.['assign_public_ip']) ? ['assign_public_ip is on'] : [];
  },
});
