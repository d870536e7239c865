import type { GovernanceRule } from './rule.js';

/** Log groups without retention keep data (and cost) forever (seed 004). */
export const logRetentionSet: GovernanceRule = {
  id: 'log-retention-set',
  description: 'Every log group has a retention period',
  scannerIds: ['CKV_AWS_338', 'CKV_AWS_66'],
  check(resource) {
    if (resource.type !== 'aws_cloudwatch_log_group') return [];
    const days = Number(resource.config['retention_in_days'] ?? 0);
    return days > 0 ? [] : ['log group has no retention_in_days'];
  },
};
