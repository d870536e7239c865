import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import { S3BucketPolicy } from '@cdktf/provider-aws/lib/s3-bucket-policy';
import { S3BucketServerSideEncryptionConfigurationA } from '@cdktf/provider-aws/lib/s3-bucket-server-side-encryption-configuration';
import { S3BucketVersioningA } from '@cdktf/provider-aws/lib/s3-bucket-versioning';
import { Construct } from 'constructs';
import { suppressRule } from '../aspects/suppressions.js';
import { bucketArn } from '../iam/arns.js';
import { denyInsecureTransport, policyDocument, type PolicyStatement } from '../iam/policy-document.js';
import { storeLifecycle } from '../protection/store-protection.js';
import { bucketBaseline, expiryLifecycle } from './bucket-baseline.js';
import { loadBalancerLogDelivery } from './load-balancer-log-delivery.js';

export interface AccessLogBucketProps {
  /** Physical bucket name (already suffixed and length-checked). */
  readonly bucketName: string;
  readonly accountId: string;
  /** Names of the buckets whose server access logs land here (each under `{name}/`). */
  readonly sourceBuckets: readonly string[];
  /** Days after which log objects (and their old versions) expire. */
  readonly expirationDays: number;
  /** Data protection (prod): no `force_destroy` and `prevent_destroy`, like every store of the environment. */
  readonly protection: boolean;
}

/**
 * Target of S3 server access logs: versioned, no public access, TLS-only, expiring, writable only
 * by the S3 logging service for the named source buckets of this account. It is encrypted with
 * SSE-S3, because server access log delivery does not support SSE-KMS on the target bucket.
 */
export class AccessLogBucket extends Construct {
  readonly bucket: S3Bucket;
  private readonly policy: S3BucketPolicy;
  private readonly statements: PolicyStatement[];

  constructor(scope: Construct, id: string, props: AccessLogBucketProps) {
    super(scope, id);
    this.bucket = new S3Bucket(this, 'bucket', {
      bucket: props.bucketName,
      forceDestroy: !props.protection,
      lifecycle: storeLifecycle(props.protection),
    });
    const bucket = this.bucket.id;
    suppressRule(this.bucket, 's3-bucket-kms-encryption', 'S3 server access log delivery supports only SSE-S3 (AES256) on the target bucket');
    suppressRule(this.bucket, 's3-access-logging', 'This is the access-log target: logging it into itself would log its own log deliveries forever');

    new S3BucketVersioningA(this, 'versioning', { bucket, versioningConfiguration: { status: 'Enabled' } });
    new S3BucketServerSideEncryptionConfigurationA(this, 'encryption', {
      bucket,
      rule: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: 'AES256' } }],
    });
    const publicAccessBlock = bucketBaseline(this, bucket);
    this.statements = [
      denyInsecureTransport(['s3:*'], [this.bucket.arn, `${this.bucket.arn}/*`]),
      {
        sid: 'ServerAccessLogDelivery',
        actions: ['s3:PutObject'],
        principals: { Service: 'logging.s3.amazonaws.com' },
        resources: props.sourceBuckets.map((name) => `${this.bucket.arn}/${name}/*`),
        conditions: {
          ArnLike: { 'aws:SourceArn': props.sourceBuckets.map(bucketArn) },
          StringEquals: { 'aws:SourceAccount': props.accountId },
        },
      },
    ];
    this.policy = new S3BucketPolicy(this, 'policy', { bucket, policy: policyDocument(this.statements), dependsOn: [publicAccessBlock] });
    expiryLifecycle(this, bucket, {
      id: 'expire-logs',
      expirationDays: props.expirationDays,
      noncurrentVersionExpirationDays: props.expirationDays,
    });
  }

  /** Also receives a load balancer's access logs under `{prefix}/` (ALB log delivery supports SSE-S3 only, as this bucket has). */
  acceptLoadBalancerLogs(prefix: string, accountId: string, region: string): void {
    this.statements.push(loadBalancerLogDelivery(this.bucket.arn, prefix, accountId, region));
    this.policy.policy = policyDocument(this.statements);
  }
}
