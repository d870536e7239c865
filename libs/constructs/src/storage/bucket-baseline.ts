import { S3BucketLifecycleConfiguration } from '@cdktf/provider-aws/lib/s3-bucket-lifecycle-configuration';
import { S3BucketOwnershipControls } from '@cdktf/provider-aws/lib/s3-bucket-ownership-controls';
import { S3BucketPublicAccessBlock } from '@cdktf/provider-aws/lib/s3-bucket-public-access-block';
import type { Construct } from 'constructs';

/**
 * What every bucket of the platform has, whatever it holds: ACLs disabled (the bucket owner owns
 * every object) and all four Block Public Access settings on. Returns the public access block,
 * which a bucket policy must wait for.
 */
export function bucketBaseline(scope: Construct, bucket: string): S3BucketPublicAccessBlock {
  new S3BucketOwnershipControls(scope, 'ownership', { bucket, rule: { objectOwnership: 'BucketOwnerEnforced' } });
  return new S3BucketPublicAccessBlock(scope, 'public-access-block', {
    bucket,
    blockPublicAcls: true,
    blockPublicPolicy: true,
    ignorePublicAcls: true,
    restrictPublicBuckets: true,
  });
}

export interface ExpiryRule {
  readonly id: string;
  readonly expirationDays: number;
  readonly noncurrentVersionExpirationDays: number;
  /** Days until objects move to Glacier Flexible Retrieval; null keeps them in Standard. */
  readonly glacierTransitionDays?: number | null;
}

/** One lifecycle rule over the whole bucket: expiry of current and old versions, and abandoned uploads. */
export function expiryLifecycle(scope: Construct, bucket: string, rule: ExpiryRule): S3BucketLifecycleConfiguration {
  return new S3BucketLifecycleConfiguration(scope, 'lifecycle', {
    bucket,
    rule: [
      {
        id: rule.id,
        status: 'Enabled',
        filter: [{ prefix: '' }],
        expiration: [{ days: rule.expirationDays }],
        noncurrentVersionExpiration: [{ noncurrentDays: rule.noncurrentVersionExpirationDays }],
        abortIncompleteMultipartUpload: [{ daysAfterInitiation: 7 }],
        ...(rule.glacierTransitionDays ? { transition: [{ days: rule.glacierTransitionDays, storageClass: 'GLACIER' }] } : {}),
      },
    ],
  });
}
