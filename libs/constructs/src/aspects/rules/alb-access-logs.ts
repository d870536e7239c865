import { block, isTrue, ruleFor } from './rule.js';

/** Every request to a load balancer is on record (who asked what, and what the targets answered). */
export const albAccessLogs = ruleFor('aws_lb', 'alb-access-logs', ['CKV_AWS_91'], {
  description: 'Every load balancer delivers access logs to a bucket',
  check(lb) {
    const logs = block(lb.config['access_logs']);
    return logs && isTrue(logs['enabled']) && logs['bucket'] ? [] : ['access_logs are not enabled with a bucket'];
  },
});
