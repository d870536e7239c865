import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import { S3BucketLoggingA } from '@cdktf/provider-aws/lib/s3-bucket-logging';
import { S3BucketNotification } from '@cdktf/provider-aws/lib/s3-bucket-notification';
import { S3BucketPolicy } from '@cdktf/provider-aws/lib/s3-bucket-policy';
import { S3BucketServerSideEncryptionConfigurationA } from '@cdktf/provider-aws/lib/s3-bucket-server-side-encryption-configuration';
import { S3BucketVersioningA } from '@cdktf/provider-aws/lib/s3-bucket-versioning';
import type { BucketConfig } from '@data-platform/config';
import { Lazy } from 'cdktf';
import { Construct } from 'constructs';
import { denyInsecureTransport, policyDocument, type PolicyStatement } from '../iam/policy-document.js';
import { storeLifecycle } from '../protection/store-protection.js';
import { bucketBaseline, expiryLifecycle } from './bucket-baseline.js';

export interface IngestBucketProps {
  /** Physical bucket name (already suffixed and length-checked). */
  readonly bucketName: string;
  readonly kmsKeyArn: string;
  readonly config: BucketConfig;
  /** Bucket that receives this bucket's server access logs (under `{name}/`). */
  readonly accessLogBucket: string;
  /** Data protection (prod): no `force_destroy` and `prevent_destroy`, so a destroy leaves the data. */
  readonly protection: boolean;
}

/**
 * The data bucket: versioned, SSE-KMS with bucket keys, no public access, TLS-only, lifecycle
 * per environment, EventBridge notifications on; `force_destroy` where the environment is destroyable,
 * `prevent_destroy` where it is protected.
 */
export class IngestBucket extends Construct {
  readonly bucket: S3Bucket;
  /** Replication waits for it: S3 refuses a replication rule on an unversioned bucket. */
  readonly versioning: S3BucketVersioningA;
  private readonly admitted: PolicyStatement[] = [];

  constructor(scope: Construct, id: string, props: IngestBucketProps) {
    super(scope, id);
    const { config } = props;
    this.bucket = new S3Bucket(this, 'bucket', {
      bucket: props.bucketName,
      forceDestroy: !props.protection,
      lifecycle: storeLifecycle(props.protection),
    });
    const bucket = this.bucket.id;

    this.versioning = new S3BucketVersioningA(this, 'versioning', {
      bucket,
      versioningConfiguration: { status: config.versioning ? 'Enabled' : 'Suspended' },
    });
    new S3BucketServerSideEncryptionConfigurationA(this, 'encryption', {
      bucket,
      rule: [
        {
          applyServerSideEncryptionByDefault: { sseAlgorithm: 'aws:kms', kmsMasterKeyId: props.kmsKeyArn },
          bucketKeyEnabled: true,
        },
      ],
    });
    const publicAccessBlock = bucketBaseline(this, bucket);
    new S3BucketPolicy(this, 'tls-only', {
      bucket,
      // Every action: a deny listing a few left e.g. GetObjectVersion and DeleteObjectVersion open over HTTP.
      // Lazy: principals of other accounts are admitted after the bucket exists (reference replicas).
      policy: Lazy.stringValue({ produce: () => policyDocument([denyInsecureTransport(['s3:*'], [this.bucket.arn, `${this.bucket.arn}/*`]), ...this.admitted]) }),
      // S3 rejects policy writes while the public access block is being applied.
      dependsOn: [publicAccessBlock],
    });
    expiryLifecycle(this, bucket, {
      id: 'expire-objects',
      expirationDays: config.expirationDays,
      noncurrentVersionExpirationDays: config.noncurrentVersionExpirationDays,
      glacierTransitionDays: config.glacierTransitionDays,
    });
    new S3BucketNotification(this, 'eventbridge', { bucket, eventbridge: true });
    new S3BucketLoggingA(this, 'access-logs', { bucket, targetBucket: props.accessLogBucket, targetPrefix: `${props.bucketName}/` });
  }

  /** Adds statements to the bucket policy, e.g. the one principal that writes reference replicas here. */
  admit(statements: readonly PolicyStatement[]): void {
    this.admitted.push(...statements);
  }
}
