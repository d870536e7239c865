import { ruleFor } from './rule.js';

/** Log data is encrypted with the customer-managed key. */
export const logGroupKmsEncryption = ruleFor('aws_cloudwatch_log_group', 'log-group-kms-encryption', ['CKV_AWS_158', 'AVD-AWS-0017'], {
  description: 'Every log group is encrypted with a customer-managed KMS key',
  check(group) {
    return group.config['kms_key_id'] ? [] : ['log group has no kms_key_id'];
  },
});
