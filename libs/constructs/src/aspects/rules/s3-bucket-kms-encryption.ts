import { attachedTo, block, ruleFor } from './rule.js';

/** Default encryption with a KMS key the account controls (rotation, key policy, audit). */
export const s3BucketKmsEncryption = ruleFor('aws_s3_bucket', 's3-bucket-kms-encryption', ['CKV_AWS_145', 'AVD-AWS-0132'], {
  description: 'Every bucket encrypts by default with SSE-KMS and a customer-managed key',
  check(bucket, { resources }) {
    const configs = attachedTo(bucket, resources, 'aws_s3_bucket_server_side_encryption_configuration');
    if (configs.length === 0) return ['bucket has no aws_s3_bucket_server_side_encryption_configuration'];
    const byDefault = configs.flatMap((c) => [c.config['rule']].flat()).map((rule) => block(block(rule)?.['apply_server_side_encryption_by_default']));
    const kms = byDefault.some((d) => d?.['sse_algorithm'] === 'aws:kms' && typeof d['kms_master_key_id'] === 'string');
    return kms ? [] : ['default encryption is not SSE-KMS with a customer-managed key (kms_master_key_id)'];
  },
});
