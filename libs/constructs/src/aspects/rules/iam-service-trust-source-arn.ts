import { conditionValues, isAllow, principalsOf, statementsOf } from './policy-statements.js';
import { ruleFor } from './rule.js';

/** Services that send aws:SourceArn and aws:SourceAccount when they assume a role (confused-deputy guard). */
export const SOURCE_ARN_SERVICES = [
  'states.amazonaws.com', 'events.amazonaws.com', 'pipes.amazonaws.com', 'scheduler.amazonaws.com', 'vpc-flow-logs.amazonaws.com',
  // ECS sends both for task roles (arn:aws:ecs:{region}:{account}:*), so a task of another account cannot assume them.
  'ecs-tasks.amazonaws.com',
];

/** A role these services assume names the one resource (state machine, rule, pipe, schedule) that may use it. */
export const iamServiceTrustSourceArn = ruleFor('aws_iam_role', 'iam-service-trust-source-arn', [], {
  description: 'Trusts of states, events, pipes, scheduler, flow logs and ECS tasks require aws:SourceArn and aws:SourceAccount',
  check(role) {
    const { statements, problems } = statementsOf(role);
    for (const s of statements.filter(isAllow)) {
      const services = principalsOf(s, 'Service').filter((service) => SOURCE_ARN_SERVICES.includes(service));
      if (services.length === 0) continue;
      if (conditionValues(s, 'aws:SourceArn').length === 0) problems.push(`trust of ${services.join(', ')} has no aws:SourceArn condition`);
      if (conditionValues(s, 'aws:SourceAccount').length === 0) problems.push(`trust of ${services.join(', ')} has no aws:SourceAccount condition`);
    }
    return problems;
  },
});
