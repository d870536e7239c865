import { objectKey } from './call-targets.js';
import type { EnvironmentView } from './environment-view.js';
import type { SimulationCase } from './simulate.js';

/** An operator of the account whose own policy allows everything on the resource (a test principal). */
const operator = (view: EnvironmentView) => `arn:aws:iam::${view.accountId}:role/operator`;
const allowAll = (actions: string[], resources: string[]) => [{ name: 'operator', policy: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: actions, Resource: resources }] } }];

/** S3 actions the old five-action deny left open over HTTP, plus the ones it covered. */
const S3_ACTIONS_OVER_HTTP = ['s3:GetObject', 's3:GetObjectVersion', 's3:DeleteObjectVersion', 's3:PutObject', 's3:PutObjectAcl', 's3:GetObjectTagging'];

/**
 * Resource policies on their own: the bucket and topic policies refuse plain HTTP to a principal
 * that is otherwise allowed everything, and the key policy refuses use outside the services.
 */
export function resourcePolicyCases(view: EnvironmentView): SimulationCase[] {
  const base = { principal: operator(view), accountId: view.accountId };
  const buckets = [view.dataBucket, view.accessLogBucket];
  const bucketCases = buckets.flatMap((bucket): SimulationCase[] => {
    const object = `arn:aws:s3:::${bucket}/${objectKey('raw/')}`;
    const identityPolicies = allowAll(['s3:*'], [`arn:aws:s3:::${bucket}`, `arn:aws:s3:::${bucket}/*`]);
    const resourcePolicy = view.bucketPolicy(bucket);
    return [
      ...S3_ACTIONS_OVER_HTTP.map((action): SimulationCase => ({
        ...base,
        title: `${bucket} policy denies ${action} without TLS`,
        expected: 'ExplicitlyDenied',
        action,
        resource: object,
        context: { 'aws:SecureTransport': 'false' },
        identityPolicies,
        resourcePolicy,
      })),
      {
        ...base,
        title: `${bucket} policy denies s3:ListBucket without TLS`,
        expected: 'ExplicitlyDenied',
        action: 's3:ListBucket',
        resource: `arn:aws:s3:::${bucket}`,
        context: { 'aws:SecureTransport': 'false' },
        identityPolicies,
        resourcePolicy,
      },
      {
        ...base,
        title: `${bucket} policy lets an allowed principal read over TLS (control)`,
        expected: 'Allowed',
        action: 's3:GetObjectVersion',
        resource: object,
        context: { 'aws:SecureTransport': 'true' },
        identityPolicies,
        resourcePolicy,
      },
    ];
  });
  const topicCases = (['events', 'alerts'] as const).flatMap((topic) => {
    const arn = view.topicArn(topic);
    return ['sns:Publish', 'sns:Subscribe', 'sns:GetTopicAttributes'].map(
      (action): SimulationCase => ({
        ...base,
        title: `${topic} topic policy denies ${action} without TLS`,
        expected: 'ExplicitlyDenied',
        action,
        resource: arn,
        context: { 'aws:SecureTransport': 'false' },
        identityPolicies: allowAll([action], [arn]),
        resourcePolicy: view.topicPolicy(arn),
      }),
    );
  });
  const keyUse = allowAll(['kms:Decrypt', 'kms:PutKeyPolicy'], [view.keyArn]);
  const keyCase = (title: string, expected: SimulationCase['expected'], action: string, context: Record<string, string>): SimulationCase => ({
    ...base,
    title,
    expected,
    action,
    resource: view.keyArn,
    context: { 'aws:SecureTransport': 'true', 'kms:CallerAccount': view.accountId, ...context },
    identityPolicies: keyUse,
    resourcePolicy: view.keyPolicy,
  });
  return [
    ...bucketCases,
    ...topicCases,
    keyCase('key policy denies direct kms:Decrypt (not through a service) to the account', 'Denied', 'kms:Decrypt', {}),
    keyCase('key policy allows kms:Decrypt through S3 (control)', 'Allowed', 'kms:Decrypt', { 'kms:ViaService': `s3.${view.region}.amazonaws.com` }),
    keyCase('key policy denies kms:Decrypt through a service the key does not serve', 'Denied', 'kms:Decrypt', { 'kms:ViaService': `ec2.${view.region}.amazonaws.com` }),
    keyCase('key policy lets the account administer the key', 'Allowed', 'kms:PutKeyPolicy', {}),
  ];
}
