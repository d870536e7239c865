import { isTrue, ruleFor } from './rule.js';

/** Workloads log in with short-lived IAM tokens scoped to one database user, not stored passwords. */
export const rdsIamAuth = ruleFor('aws_rds_cluster', 'rds-iam-auth', ['CKV_AWS_162'], {
  description: 'Every Aurora cluster has IAM database authentication enabled',
  check(cluster) {
    return isTrue(cluster.config['iam_database_authentication_enabled']) ? [] : ['cluster has IAM database authentication off'];
  },
});
