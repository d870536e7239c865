import type { Naming, ReferenceDataConfig } from '@data-platform/config';
import type { Construct } from 'constructs';
import type { ArnScope } from '../iam/arns.js';
import type { EncryptionKey } from '../security/encryption-key.js';
import type { IngestBucket } from '../storage/ingest-bucket.js';
import { environmentStores, REFERENCE_TABLE_NAME, replicaBucketStatements, replicaKeyStatement } from './reference-endpoints.js';
import { ReferenceItemReplication } from './reference-item-replication.js';
import { ReferenceItemWriter } from './reference-item-writer.js';
import { ReferenceReplication } from './reference-replication.js';
import { ReferenceTable } from './reference-table.js';

export interface ReferenceDataReplicationProps {
  readonly naming: Naming;
  readonly arnScope: ArnScope;
  readonly config: ReferenceDataConfig;
  readonly bucket: IngestBucket;
  readonly key: EncryptionKey;
  /** Data protection of the reference table (the environment's `protection` knob). */
  readonly protection: boolean;
  /** Tracing and log retention of the item replication's state machine. */
  readonly tracing: boolean;
  readonly logRetentionDays: number;
}

/** What reference data an environment carries: its table always, and its side of the replication. */
export interface ReferenceData {
  readonly table: ReferenceTable;
  readonly objects?: ReferenceReplication;
  readonly items?: ReferenceItemReplication;
  readonly writer?: ReferenceItemWriter;
}

/**
 * Reference data (SPEC §3.11), both sides from config. Every environment has a reference table.
 * The source (prod) replicates `reference/` objects (`reference-replication`) and table items
 * (`reference-items`), its own resources, declared env-specific. A destination (dev, staging)
 * admits the source's object-replication role into its bucket and key policy, for `reference/`
 * only, and carries the one role (`reference-writer`) the source's item replication writes through.
 */
export function referenceDataReplication(scope: Construct, props: ReferenceDataReplicationProps): ReferenceData {
  const { config, arnScope, naming } = props;
  const source = config.replicatedFrom;
  const replicates = config.replicateTo.length > 0;
  const table = new ReferenceTable(scope, 'reference-table', {
    tableName: naming.name('dynamodbTable', 'table', REFERENCE_TABLE_NAME),
    kmsKeyArn: props.key.arn,
    protection: props.protection,
    streamed: replicates,
  });
  let writer: ReferenceItemWriter | undefined;
  if (source) {
    const { replicationRoleArn } = environmentStores(naming.context.project, arnScope.region, source);
    props.bucket.admit(replicaBucketStatements(props.bucket.bucket.arn, source, replicationRoleArn));
    props.key.admit(replicaKeyStatement(arnScope.region, source, replicationRoleArn));
    writer = new ReferenceItemWriter(scope, 'reference-writer', { naming, arnScope, source, table, kmsKeyArn: props.key.arn });
  }
  if (!replicates) return { table, ...(writer ? { writer } : {}) };
  const objects = new ReferenceReplication(scope, 'reference-replication', {
    naming,
    arnScope,
    bucketName: props.bucket.bucket.bucket,
    bucketArn: props.bucket.bucket.arn,
    kmsKeyArn: props.key.arn,
    destinations: config.replicateTo,
    dependsOn: [props.bucket.versioning],
  });
  const items = new ReferenceItemReplication(scope, 'reference-items', {
    naming,
    arnScope,
    table: table.table,
    kmsKeyArn: props.key.arn,
    destinations: config.replicateTo,
    tracing: props.tracing,
    logRetentionDays: props.logRetentionDays,
  });
  return { table, objects, items, ...(writer ? { writer } : {}) };
}
