import { asList, coversAction, deniesInsecureTransport, hasWildcardPrincipal, statementsOf } from './policy-statements.js';
import { attachedTo, ruleFor } from './rule.js';

/**
 * FSBP S3.5 / cdk-nag S10: a bucket policy denies every S3 action (`s3:*`) over plain HTTP, on the
 * bucket and its objects, to everyone. A deny listing a few actions leaves e.g. GetObjectVersion open.
 */
export const s3TlsOnlyPolicy = ruleFor('aws_s3_bucket', 's3-tls-only-policy', [], {
  description: "Every bucket's policy denies s3:* without TLS, on the bucket and its objects",
  check(bucket, { resources }) {
    const statements = attachedTo(bucket, resources, 'aws_s3_bucket_policy').flatMap((p) => statementsOf(p).statements);
    const denies = statements.filter((s) => deniesInsecureTransport(s) && hasWildcardPrincipal(s));
    if (denies.length === 0) return ['bucket has no policy denying requests without TLS'];
    // A literal `s3:*` only matches a pattern that itself covers every S3 action.
    const everyAction = denies.some((s) => coversAction(asList(s.Action), 's3:*'));
    const resourcesCovered = denies.flatMap((s) => asList(s.Resource));
    const problems: string[] = [];
    if (!everyAction) problems.push('the TLS-only deny does not cover s3:* (every action)');
    if (!resourcesCovered.some((r) => r.endsWith('/*'))) problems.push('the TLS-only deny does not cover the objects (bucket ARN /*)');
    if (!resourcesCovered.some((r) => !r.endsWith('/*'))) problems.push('the TLS-only deny does not cover the bucket itself');
    return problems;
  },
});
