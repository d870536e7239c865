import { ruleFor } from './rule.js';

/** The PostgreSQL log goes to CloudWatch Logs (where retention and the key apply). */
export const rdsLogExport = ruleFor('aws_rds_cluster', 'rds-log-export', ['CKV_AWS_324'], {
  description: 'Every Aurora cluster exports its database log to CloudWatch Logs',
  check(cluster) {
    const exports = cluster.config['enabled_cloudwatch_logs_exports'];
    return Array.isArray(exports) && exports.length > 0 ? [] : ['cluster exports no log to CloudWatch Logs'];
  },
});
