import { describe, expect, it } from 'vitest';
import { synthesize, testConfig } from './fixtures/environment.js';

const policyOf = (text: unknown) => JSON.parse(String(text)) as { Statement: Array<Record<string, unknown>> };

describe('security controls of the environment stack (issue 12)', () => {
  const stack = synthesize(testConfig());

  it('sends VPC flow logs of all traffic to an encrypted log group with the environment retention', () => {
    expect(stack.one('aws_flow_log').config).toMatchObject({ traffic_type: 'ALL', log_destination_type: 'cloud-watch-logs' });
    const group = stack.ofType('aws_cloudwatch_log_group').find((g) => String(g.config['name']).startsWith('/vpc/flow-logs/'))!;
    expect(group.config).toMatchObject({ retention_in_days: 14, kms_key_id: expect.stringMatching(/aws_kms_key/) });
  });

  it("limits the gateway endpoints to the environment's bucket objects and table, for its own account", () => {
    const [s3, dynamodb] = ['s3', 'dynamodb'].map((service) => policyOf(stack.one('aws_vpc_endpoint', `${service}-endpoint`).config['policy']).Statement);
    expect(s3).toEqual([
      expect.objectContaining({
        Action: ['s3:AbortMultipartUpload', 's3:GetObject', 's3:GetObjectVersion', 's3:PutObject'],
        Resource: expect.stringMatching(/^\$\{aws_s3_bucket\.pipeline_ingest-bucket_\w+\.arn\}\/\*$/),
        Condition: { StringEquals: { 'aws:PrincipalAccount': '123456789012' } },
      }),
      // The console's image pull reads its layers from ECR's own bucket.
      expect.objectContaining({
        Sid: 'EcrImageLayers',
        Action: ['s3:GetObject'],
        Resource: 'arn:aws:s3:::prod-eu-west-1-starport-layer-bucket/*',
        Condition: { StringEquals: { 'aws:PrincipalAccount': '123456789012' } },
      }),
    ]);
    expect(dynamodb).toEqual([
      expect.objectContaining({
        Action: ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:Query', 'dynamodb:UpdateItem'],
        Resource: [expect.stringMatching(/aws_dynamodb_table\..*\.arn\}$/), expect.stringMatching(/aws_dynamodb_table\..*\.arn\}\/index\/\*$/)],
      }),
    ]);
  });

  it('logs data-bucket access into a TLS-only, versioned, expiring log bucket writable only by S3 logging for that bucket', () => {
    expect(stack.one('aws_s3_bucket_logging').config).toMatchObject({ target_prefix: 'myapp-test-data-ci1/' });
    const logBucketPolicy = policyOf(stack.one('aws_s3_bucket_policy', 'access-logs').config['policy']).Statement;
    expect(logBucketPolicy.map((s) => s['Sid'])).toEqual(['DenyInsecureTransport', 'ServerAccessLogDelivery', 'LoadBalancerLogDelivery']);
    // The console's load balancer writes under alb/ for this account only, as eu-west-1's ELB log-delivery account.
    expect(logBucketPolicy[2]).toMatchObject({
      Action: ['s3:PutObject'],
      Principal: { AWS: 'arn:aws:iam::156460612806:root' },
      Resource: expect.stringMatching(/\.arn\}\/alb\/AWSLogs\/123456789012\/\*$/),
    });
    expect(logBucketPolicy[1]).toMatchObject({
      Principal: { Service: 'logging.s3.amazonaws.com' },
      Condition: { ArnLike: { 'aws:SourceArn': ['arn:aws:s3:::myapp-test-data-ci1'] }, StringEquals: { 'aws:SourceAccount': '123456789012' } },
    });
    expect(stack.one('aws_s3_bucket_lifecycle_configuration', 'access-logs').config['rule']).toEqual([
      expect.objectContaining({ expiration: [{ days: 14 }] }),
    ]);
  });

  it('denies every S3 action without TLS on the data bucket', () => {
    const [deny] = policyOf(stack.one('aws_s3_bucket_policy', 'ingest-bucket').config['policy']).Statement;
    expect(deny).toMatchObject({ Effect: 'Deny', Action: ['s3:*'], Condition: { Bool: { 'aws:SecureTransport': false } } });
  });

  it("grants CloudWatch the key for exactly this stack's alarms (they notify the encrypted alert topic), and no direct use", () => {
    const statements = policyOf(stack.one('aws_kms_key').config['policy']).Statement;
    expect(statements.map((s) => s['Sid'])).toEqual([
      'KeyAdministration', 'UseThroughAccountServices', 'GrantsForAwsResources', 'CloudWatchLogs', 'EventBridgeDeadLetters', 'CloudWatchAlarms',
    ]);
    const alarmArns = stack.ofType('aws_cloudwatch_metric_alarm').map((a) => `arn:aws:cloudwatch:eu-west-1:123456789012:alarm:${String(a.config['alarm_name'])}`);
    expect(alarmArns).toHaveLength(12);
    expect(statements[5]).toMatchObject({ Principal: { Service: 'cloudwatch.amazonaws.com' }, Action: ['kms:Decrypt', 'kms:GenerateDataKey'] });
    expect([...(statements[5]!['Condition'] as { ArnEquals: { 'aws:SourceArn': string[] } }).ArnEquals['aws:SourceArn']].sort()).toEqual(alarmArns.sort());
    expect(statements[0]!['Action']).not.toContain('kms:Decrypt');
  });

  it('reserves no concurrency where the config reserves none, and the configured amount otherwise', () => {
    for (const fn of stack.ofType('aws_lambda_function')) expect(fn.config['reserved_concurrent_executions']).toBeUndefined();
    const reserved = synthesize(testConfig({ lambda: { processingMemoryMb: 768, apiMemoryMb: 256, tracing: true, reservedConcurrency: { processing: 5, api: 5 } }, processing: { maxConcurrency: 5 } }));
    for (const fn of reserved.ofType('aws_lambda_function')) {
      // The migration function never runs twice at once: one, whenever the environment reserves any.
      const expected = fn.config['function_name'] === 'lambda-test-migrate-ci1' ? 1 : 5;
      expect(fn.config['reserved_concurrent_executions']).toBe(expected);
    }
  });
});
