import { attachedTo, ruleFor } from './rule.js';

/** Objects expire on a schedule, so data (and cost) does not accumulate forever. */
export const s3Lifecycle = ruleFor('aws_s3_bucket', 's3-lifecycle', ['CKV2_AWS_61'], {
  description: 'Every bucket has a lifecycle configuration with an enabled rule',
  check(bucket, { resources }) {
    const rules = attachedTo(bucket, resources, 'aws_s3_bucket_lifecycle_configuration').flatMap((l) => [l.config['rule']].flat());
    const enabled = rules.some((rule) => (rule as { status?: unknown } | undefined)?.status === 'Enabled');
    return enabled ? [] : ['bucket has no enabled lifecycle rule'];
  },
});
