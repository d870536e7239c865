import { ruleFor } from './rule.js';

/**
 * Log groups without retention keep data (and cost) forever (seed 004). Retention is per
 * environment (7/30/90 days), so this does not claim CKV_AWS_338, which demands at least a year.
 */
export const logRetentionSet = ruleFor('aws_cloudwatch_log_group', 'log-retention-set', ['CKV_AWS_66'], {
  description: 'Every log group has a retention period',
  check(group) {
    const days = Number(group.config['retention_in_days'] ?? 0);
    return days > 0 ? [] : ['log group has no retention_in_days'];
  },
});
