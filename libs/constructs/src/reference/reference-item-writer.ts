import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import type { EnvironmentRef, Naming } from '@data-platform/config';
import { Construct } from 'constructs';
import { viaService, type ArnScope } from '../iam/arns.js';
import { policyDocument } from '../iam/policy-document.js';
import type { ReferenceTable } from './reference-table.js';
import { environmentStores, REFERENCE_ROLE_NAMES } from './reference-endpoints.js';

export interface ReferenceItemWriterProps {
  readonly naming: Naming;
  readonly arnScope: ArnScope;
  /** The environment whose item replication writes here (dev and staging name prod). */
  readonly source: EnvironmentRef;
  readonly table: ReferenceTable;
  readonly kmsKeyArn: string;
}

/**
 * The destination side of item replication: a role in this account that puts and deletes items
 * of this environment's reference table and nothing else, assumable only by the source's
 * item-replication state machine role. The trust names the source account with an
 * `aws:PrincipalArn` condition rather than the role itself, so this account can deploy before the
 * source's role exists (IAM rejects a trust naming a role that does not exist).
 */
export class ReferenceItemWriter extends Construct {
  readonly role: IamRole;

  constructor(scope: Construct, id: string, props: ReferenceItemWriterProps) {
    super(scope, id);
    const { naming, arnScope, source } = props;
    const { itemReplicationRoleArn } = environmentStores(naming.context.project, arnScope.region, source);
    const { table } = props.table;
    this.role = new IamRole(this, 'role', {
      name: naming.name('iamRole', 'role', REFERENCE_ROLE_NAMES.writer),
      assumeRolePolicy: policyDocument([
        {
          sid: 'SourceItemReplicationOnly',
          actions: ['sts:AssumeRole'],
          principals: { AWS: `arn:aws:iam::${source.accountId}:root` },
          conditions: { ArnEquals: { 'aws:PrincipalArn': itemReplicationRoleArn } },
        },
      ]),
    });
    new IamRolePolicy(this, 'policy', {
      name: naming.name('iamPolicy', 'policy', REFERENCE_ROLE_NAMES.writer),
      role: this.role.id,
      policy: policyDocument([
        { sid: 'WriteReplicatedItems', actions: ['dynamodb:DeleteItem', 'dynamodb:PutItem'], resources: [table.arn] },
        {
          sid: 'TableKey',
          actions: ['kms:Decrypt'],
          resources: [props.kmsKeyArn],
          conditions: { StringEquals: { 'kms:ViaService': viaService('dynamodb', arnScope.region), 'kms:EncryptionContext:aws:dynamodb:tableName': table.name } },
        },
      ]),
    });
  }
}
