import { ruleFor } from './rule.js';

/** Aurora storage (and with it backups and snapshots) encrypted with the environment's own key. */
export const rdsClusterEncryption = ruleFor('aws_rds_cluster', 'rds-cluster-encryption', ['CKV_AWS_96', 'CKV_AWS_327'], {
  description: 'Every Aurora cluster encrypts its storage with a customer-managed KMS key',
  check(cluster) {
    const problems: string[] = [];
    if (cluster.config['storage_encrypted'] !== true && cluster.config['storage_encrypted'] !== 'true') problems.push('cluster storage is not encrypted');
    if (!cluster.config['kms_key_id']) problems.push('cluster has no customer-managed kms_key_id');
    return problems;
  },
});
