import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import { S3BucketLifecycleConfiguration } from '@cdktf/provider-aws/lib/s3-bucket-lifecycle-configuration';
import { S3BucketPolicy } from '@cdktf/provider-aws/lib/s3-bucket-policy';
import { S3BucketServerSideEncryptionConfigurationA } from '@cdktf/provider-aws/lib/s3-bucket-server-side-encryption-configuration';
import { S3BucketVersioningA } from '@cdktf/provider-aws/lib/s3-bucket-versioning';
import { Construct } from 'constructs';
import { denyInsecureTransport, policyDocument, type PolicyStatement } from '../iam/policy-document.js';
import { storeLifecycle } from '../protection/store-protection.js';
import { bucketBaseline } from '../storage/bucket-baseline.js';

export interface StateBucketProps {
  readonly bucketName: string;
  readonly kmsKeyArn: string;
  /** Days a replaced state version is kept before it expires. */
  readonly noncurrentVersionDays: number;
  /** Allow statements beside the TLS-only deny (other accounts' roles reading one state each), given the bucket's ARN. */
  readonly admit?: (bucketArn: string) => PolicyStatement[];
}

/**
 * Terraform state of every environment in the account: versioned (a bad apply can be rolled back
 * to an earlier state version), SSE-KMS, no public access, TLS only, and never destroyable — state
 * is what ties the stacks to the real resources.
 */
export class StateBucket extends Construct {
  readonly bucket: S3Bucket;

  constructor(scope: Construct, id: string, props: StateBucketProps) {
    super(scope, id);
    this.bucket = new S3Bucket(this, 'bucket', { bucket: props.bucketName, forceDestroy: false, lifecycle: storeLifecycle(true) });
    const bucket = this.bucket.id;
    const publicAccessBlock = bucketBaseline(this, bucket);
    new S3BucketVersioningA(this, 'versioning', { bucket, versioningConfiguration: { status: 'Enabled' } });
    new S3BucketServerSideEncryptionConfigurationA(this, 'encryption', {
      bucket,
      rule: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: 'aws:kms', kmsMasterKeyId: props.kmsKeyArn }, bucketKeyEnabled: true }],
    });
    new S3BucketPolicy(this, 'tls-only', {
      bucket,
      policy: policyDocument([denyInsecureTransport(['s3:*'], [this.bucket.arn, `${this.bucket.arn}/*`]), ...(props.admit?.(this.bucket.arn) ?? [])]),
      dependsOn: [publicAccessBlock],
    });
    new S3BucketLifecycleConfiguration(this, 'lifecycle', {
      bucket,
      rule: [
        {
          id: 'expire-old-state-versions',
          status: 'Enabled',
          filter: [{ prefix: '' }],
          noncurrentVersionExpiration: [{ noncurrentDays: props.noncurrentVersionDays }],
          abortIncompleteMultipartUpload: [{ daysAfterInitiation: 7 }],
        },
      ],
    });
  }
}
