import { attachedTo, block, ruleFor } from './rule.js';

/** Overwritten or deleted objects stay recoverable (and replays key on the version id). */
export const s3Versioning = ruleFor('aws_s3_bucket', 's3-versioning', ['CKV_AWS_21', 'AVD-AWS-0090'], {
  description: 'Every bucket has versioning enabled',
  check(bucket, { resources }) {
    const enabled = attachedTo(bucket, resources, 'aws_s3_bucket_versioning').some(
      (v) => block(v.config['versioning_configuration'])?.['status'] === 'Enabled',
    );
    return enabled ? [] : ['bucket versioning is not Enabled'];
  },
});
