import { publicAllowProblems } from './public-policy.js';
import { ruleFor } from './rule.js';

/** Only named services or principals may use a topic. */
export const snsPolicyNotPublic = ruleFor('aws_sns_topic_policy', 'sns-policy-not-public', ['CKV_AWS_169'], {
  description: 'No topic policy allows a wildcard principal',
  check: publicAllowProblems,
});
