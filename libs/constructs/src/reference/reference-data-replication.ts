import type { Naming, ReferenceDataConfig } from '@data-platform/config';
import type { Construct } from 'constructs';
import type { ArnScope } from '../iam/arns.js';
import type { EncryptionKey } from '../security/encryption-key.js';
import type { IngestBucket } from '../storage/ingest-bucket.js';
import { environmentStores, replicaBucketStatements, replicaKeyStatement } from './reference-endpoints.js';
import { ReferenceReplication } from './reference-replication.js';

export interface ReferenceDataReplicationProps {
  readonly naming: Naming;
  readonly arnScope: ArnScope;
  readonly config: ReferenceDataConfig;
  readonly bucket: IngestBucket;
  readonly key: EncryptionKey;
}

/**
 * Both sides of reference-data replication (SPEC §3.11), from config: the source (prod) gets the
 * replication under `reference-replication` (its own resources, declared env-specific); a
 * destination (dev, staging) admits the source's replication role into its bucket and key policy,
 * for `reference/` only, and adds no resource.
 */
export function referenceDataReplication(scope: Construct, props: ReferenceDataReplicationProps): ReferenceReplication | undefined {
  const { config, arnScope, naming } = props;
  const source = config.replicatedFrom;
  if (source) {
    const { replicationRoleArn } = environmentStores(naming.context.project, arnScope.region, source);
    props.bucket.admit(replicaBucketStatements(props.bucket.bucket.arn, source, replicationRoleArn));
    props.key.admit(replicaKeyStatement(arnScope.region, source, replicationRoleArn));
  }
  if (config.replicateTo.length === 0) return undefined;
  return new ReferenceReplication(scope, 'reference-replication', {
    naming,
    arnScope,
    bucketName: props.bucket.bucket.bucket,
    bucketArn: props.bucket.bucket.arn,
    kmsKeyArn: props.key.arn,
    destinations: config.replicateTo,
    dependsOn: [props.bucket.versioning],
  });
}
