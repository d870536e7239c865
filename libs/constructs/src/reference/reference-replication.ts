import type { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { S3BucketReplicationConfigurationA } from '@cdktf/provider-aws/lib/s3-bucket-replication-configuration';
import type { EnvironmentRef } from '@data-platform/config';
import type { ITerraformDependable } from 'cdktf';
import { Construct } from 'constructs';
import { viaService } from '../iam/arns.js';
import { serviceRole } from '../iam/service-role.js';
import { environmentStores, REFERENCE_PREFIX, REFERENCE_ROLE_NAMES, REPLICA_WRITE_ACTIONS } from './reference-endpoints.js';
import type { EnvironmentContextProps } from '../environment-context.js';

export interface ReferenceReplicationProps extends EnvironmentContextProps {
  /** The source data bucket (versioned, SSE-KMS). */
  readonly bucketName: string;
  readonly bucketArn: string;
  /** Lower environments receiving `reference/`. */
  readonly destinations: readonly EnvironmentRef[];
  /** Replication needs versioning on; the rule must wait for it. */
  readonly dependsOn: readonly ITerraformDependable[];
}

/**
 * SPEC §3.11 objects: S3 replication of the `reference/` prefix to the lower environments' data
 * buckets, SSE-KMS objects included (re-encrypted with each destination's key), replicas owned by
 * the destination account. No copy code: S3 does it. The role reads only `reference/` here and
 * writes only `reference/` there; transactions never leave the account.
 */
export class ReferenceReplication extends Construct {
  readonly role: IamRole;

  constructor(scope: Construct, id: string, props: ReferenceReplicationProps) {
    super(scope, id);
    const { naming, arnScope } = props;
    const destinations = props.destinations.map((ref) => ({ ref, ...environmentStores(naming.context.project, arnScope.region, ref) }));
    const s3Via = viaService('s3', arnScope.region);
    this.role = serviceRole(this, {
      naming,
      purpose: REFERENCE_ROLE_NAMES.objects,
      service: 's3.amazonaws.com',
      guard: { sourceAccount: arnScope.accountId, sourceArn: props.bucketArn },
      statements: [
        { sid: 'ReadReplicationConfiguration', actions: ['s3:GetReplicationConfiguration', 's3:ListBucket'], resources: [props.bucketArn] },
        {
          sid: 'ReadReferenceVersions',
          actions: ['s3:GetObjectVersionAcl', 's3:GetObjectVersionForReplication', 's3:GetObjectVersionTagging'],
          resources: [`${props.bucketArn}/${REFERENCE_PREFIX}*`],
        },
        { sid: 'WriteReferenceReplicas', actions: [...REPLICA_WRITE_ACTIONS], resources: destinations.map((d) => `${d.bucketArn}/${REFERENCE_PREFIX}*`) },
        {
          sid: 'DecryptReferenceObjects',
          actions: ['kms:Decrypt'],
          resources: [props.kmsKeyArn],
          conditions: { StringEquals: { 'kms:ViaService': s3Via }, StringLike: { 'kms:EncryptionContext:aws:s3:arn': [`${props.bucketArn}/${REFERENCE_PREFIX}*`] } },
        },
        {
          sid: 'EncryptReplicas',
          actions: ['kms:Encrypt', 'kms:GenerateDataKey'],
          resources: destinations.map((d) => `arn:aws:kms:${arnScope.region}:${d.ref.accountId}:key/*`),
          conditions: {
            StringEquals: { 'kms:ViaService': s3Via },
            'ForAnyValue:StringEquals': { 'kms:ResourceAliases': destinations.map((d) => d.keyAliasArn.split(':').at(-1)!) },
            StringLike: { 'kms:EncryptionContext:aws:s3:arn': destinations.map((d) => `${d.bucketArn}/${REFERENCE_PREFIX}*`) },
          },
        },
      ],
    });
    new S3BucketReplicationConfigurationA(
      this,
      'rules',
      {
        dependsOn: [...props.dependsOn],
        bucket: props.bucketName,
        role: this.role.arn,
        rule: destinations.map((d, index) => ({
          id: `reference-to-${d.ref.environment}`,
          priority: index + 1,
          status: 'Enabled',
          filter: { prefix: REFERENCE_PREFIX },
          deleteMarkerReplication: { status: 'Enabled' },
          sourceSelectionCriteria: { sseKmsEncryptedObjects: { status: 'Enabled' } },
          destination: {
            bucket: d.bucketArn,
            account: d.ref.accountId,
            accessControlTranslation: { owner: 'Destination' },
            encryptionConfiguration: { replicaKmsKeyId: d.keyAliasArn },
          },
        })),
      },
    );
  }
}
