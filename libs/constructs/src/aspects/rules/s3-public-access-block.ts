import { attachedTo, isTrue, ruleFor } from './rule.js';

const FLAGS = ['block_public_acls', 'block_public_policy', 'ignore_public_acls', 'restrict_public_buckets'] as const;

/** All four Block Public Access settings on, per bucket. */
export const s3PublicAccessBlock = ruleFor('aws_s3_bucket', 's3-public-access-block', ['CKV2_AWS_6', 'AVD-AWS-0094', 'AVD-AWS-0086', 'AVD-AWS-0087', 'AVD-AWS-0093'], {
  description: 'Every bucket has a public access block with all four settings on',
  check(bucket, { resources }) {
    const [block] = attachedTo(bucket, resources, 'aws_s3_bucket_public_access_block');
    if (!block) return ['bucket has no aws_s3_bucket_public_access_block'];
    return FLAGS.filter((flag) => !isTrue(block.config[flag])).map((flag) => `public access block has ${flag} off`);
  },
});
