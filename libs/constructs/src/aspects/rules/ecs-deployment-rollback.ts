import { block, isTrue, ruleFor } from './rule.js';

/** A deployment whose tasks never become healthy stops and returns to the last working one by itself. */
export const ecsDeploymentRollback = ruleFor('aws_ecs_service', 'ecs-deployment-rollback', [], {
  description: 'Every ECS service has a deployment circuit breaker with rollback',
  check(service) {
    const breaker = block(service.config['deployment_circuit_breaker']);
    return breaker && isTrue(breaker['enable']) && isTrue(breaker['rollback']) ? [] : ['deployment_circuit_breaker with rollback is not on'];
  },
});
