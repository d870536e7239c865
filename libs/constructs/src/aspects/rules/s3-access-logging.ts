import { attachedTo, ruleFor } from './rule.js';

/** Server access logs record every request to the bucket (who read or wrote what, and when). */
export const s3AccessLogging = ruleFor('aws_s3_bucket', 's3-access-logging', ['CKV_AWS_18', 'AVD-AWS-0089'], {
  description: 'Every bucket delivers server access logs to another bucket',
  check(bucket, { resources }) {
    const [logging] = attachedTo(bucket, resources, 'aws_s3_bucket_logging');
    if (!logging) return ['bucket has no aws_s3_bucket_logging'];
    return typeof logging.config['target_bucket'] === 'string' && logging.config['target_bucket'] !== ''
      ? []
      : ['access logging has no target_bucket'];
  },
});
