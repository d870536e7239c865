import { Naming, type EnvironmentRef } from '@data-platform/config';
import { viaService } from '../iam/arns.js';
import type { PolicyStatement } from '../iam/policy-document.js';

/** The prefix of reference data (configuration, never transactions) in every data bucket. */
export const REFERENCE_PREFIX = 'reference/';

/** The reference table's name part (`table-{env}-reference-{suffix}`), the same in every environment. */
export const REFERENCE_TABLE_NAME = 'reference';

/** Name parts of the replication roles, each built by {@link Naming} on both sides of the account boundary. */
export const REFERENCE_ROLE_NAMES = { objects: 'reference-replication', items: 'sfn-reference-items', writer: 'reference-writer' } as const;

/** What S3 replication writes into a destination bucket, and nothing more. */
export const REPLICA_WRITE_ACTIONS = ['s3:ObjectOwnerOverrideToBucketOwner', 's3:ReplicateDelete', 's3:ReplicateObject', 's3:ReplicateTags'] as const;

/**
 * Names and ARNs of another environment's stores, built by the same {@link Naming} that environment
 * builds them with, so the two sides of a replication can never disagree on a name.
 */
export function environmentStores(project: string, region: string, ref: EnvironmentRef) {
  const naming = new Naming({ project, environment: ref.environment, environmentSuffix: ref.environmentSuffix });
  const bucketName = naming.bucket('data');
  const referenceTableName = naming.name('dynamodbTable', 'table', REFERENCE_TABLE_NAME);
  const role = (name: string) => `arn:aws:iam::${ref.accountId}:role/${naming.name('iamRole', 'role', name)}`;
  return {
    bucketName,
    bucketArn: `arn:aws:s3:::${bucketName}`,
    /** Alias ARN: S3 replication accepts it as the replica key, and the key's id is never known to others. */
    keyAliasArn: `arn:aws:kms:${region}:${ref.accountId}:alias/${naming.name('kmsAlias', 'kms', 'data')}`,
    replicationRoleArn: role(REFERENCE_ROLE_NAMES.objects),
    referenceTableName,
    referenceTableArn: `arn:aws:dynamodb:${region}:${ref.accountId}:table/${referenceTableName}`,
    /** The role a destination's reference table is written through, by the source's item replication alone. */
    referenceWriterRoleArn: role(REFERENCE_ROLE_NAMES.writer),
    /** The source's item-replication state machine role: the one principal a destination's writer role trusts. */
    itemReplicationRoleArn: role(REFERENCE_ROLE_NAMES.items),
  };
}

/**
 * The bucket-policy statements of a destination: the source's replication role, and no other
 * principal of that account, may write replicas under `reference/` only.
 */
export function replicaBucketStatements(bucketArn: string, source: EnvironmentRef, sourceRoleArn: string): PolicyStatement[] {
  const onlyTheRole = { ArnEquals: { 'aws:PrincipalArn': sourceRoleArn } };
  const principals = { AWS: `arn:aws:iam::${source.accountId}:root` };
  return [
    { sid: 'ReferenceReplicasFromSource', actions: [...REPLICA_WRITE_ACTIONS], principals, resources: [`${bucketArn}/${REFERENCE_PREFIX}*`], conditions: onlyTheRole },
    { sid: 'ReferenceReplicationChecksVersioning', actions: ['s3:GetBucketVersioning'], principals, resources: [bucketArn], conditions: onlyTheRole },
  ];
}

/** The key-policy statement of a destination: the source's replication role encrypts replicas through S3 only. */
export function replicaKeyStatement(region: string, source: EnvironmentRef, sourceRoleArn: string): PolicyStatement {
  return {
    sid: 'ReferenceReplicaEncryption',
    actions: ['kms:Encrypt', 'kms:GenerateDataKey'],
    principals: { AWS: `arn:aws:iam::${source.accountId}:root` },
    resources: ['*'],
    conditions: { ArnEquals: { 'aws:PrincipalArn': sourceRoleArn }, StringEquals: { 'kms:CallerAccount': source.accountId, 'kms:ViaService': viaService('s3', region) } },
  };
}
