import { publicAllowProblems } from './public-policy.js';
import { ruleFor } from './rule.js';

/** Only named services or principals may use a queue. */
export const sqsPolicyNotPublic = ruleFor('aws_sqs_queue_policy', 'sqs-policy-not-public', ['CKV_AWS_168'], {
  description: 'No queue policy allows a wildcard principal',
  check: publicAllowProblems,
});
