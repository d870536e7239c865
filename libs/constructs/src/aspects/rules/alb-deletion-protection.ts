import { isTrue, ruleFor } from './rule.js';

/**
 * Where protection is on (prod), a load balancer cannot be deleted by a mistaken destroy: its DNS
 * name is what people and alarms point at. Where it is off, `destroyable` demands the opposite.
 */
export const albDeletionProtection = ruleFor('aws_lb', 'alb-deletion-protection', ['CKV_AWS_150'], {
  description: 'Where protection is on, every load balancer has deletion protection',
  check(lb, { protection }) {
    if (!protection) return [];
    return isTrue(lb.config['enable_deletion_protection']) ? [] : ['enable_deletion_protection is off in a protected environment'];
  },
});
