import { KmsAlias } from '@cdktf/provider-aws/lib/kms-alias';
import { KmsKey } from '@cdktf/provider-aws/lib/kms-key';
import type { Naming } from '@data-platform/config';
import { Construct } from 'constructs';
import { policyDocument } from '../iam/policy-document.js';
import { DESTROYABLE_KEY_DELETION_WINDOW_DAYS, PROTECTED_KEY_DELETION_WINDOW_DAYS, storeLifecycle } from '../protection/store-protection.js';

/** Every KMS action the account root needs to administer and use the key, listed explicitly. */
const KEY_ADMIN_ACTIONS = [
  'kms:CancelKeyDeletion', 'kms:CreateAlias', 'kms:CreateGrant', 'kms:Decrypt', 'kms:DeleteAlias',
  'kms:DescribeKey', 'kms:DisableKey', 'kms:DisableKeyRotation', 'kms:EnableKey', 'kms:EnableKeyRotation',
  'kms:Encrypt', 'kms:GenerateDataKey', 'kms:GenerateDataKeyWithoutPlaintext', 'kms:GetKeyPolicy',
  'kms:GetKeyRotationStatus', 'kms:ListAliases', 'kms:ListGrants', 'kms:ListKeyPolicies',
  'kms:ListResourceTags', 'kms:PutKeyPolicy', 'kms:ReEncryptFrom', 'kms:ReEncryptTo', 'kms:RetireGrant',
  'kms:RevokeGrant', 'kms:ScheduleKeyDeletion', 'kms:TagResource', 'kms:UntagResource',
  'kms:UpdateAlias', 'kms:UpdateKeyDescription',
];

const KEY_USE_ACTIONS = ['kms:Decrypt', 'kms:DescribeKey', 'kms:Encrypt', 'kms:GenerateDataKey', 'kms:ReEncryptFrom', 'kms:ReEncryptTo'];

export interface EncryptionKeyProps {
  readonly naming: Naming;
  readonly accountId: string;
  readonly region: string;
  /** Services that encrypt with the key on their own behalf (alarms → SNS, EventBridge → SQS DLQ). */
  readonly servicePrincipals: readonly string[];
  /**
   * Data protection (prod): a 30-day deletion window and `prevent_destroy`; otherwise 7 days, the
   * shortest waiting period, so the stack destroys cleanly.
   */
  readonly protection: boolean;
}

/**
 * The environment's customer-managed key: annual rotation, a key policy with no wildcard actions,
 * usable by CloudWatch Logs of this account and by the listed service principals.
 */
export class EncryptionKey extends Construct {
  readonly key: KmsKey;

  constructor(scope: Construct, id: string, props: EncryptionKeyProps) {
    super(scope, id);
    const { accountId, region } = props;
    this.key = new KmsKey(this, 'key', {
      description: `Data platform key (${props.naming.name('generic', 'kms', 'data')})`,
      enableKeyRotation: true,
      deletionWindowInDays: props.protection ? PROTECTED_KEY_DELETION_WINDOW_DAYS : DESTROYABLE_KEY_DELETION_WINDOW_DAYS,
      lifecycle: storeLifecycle(props.protection),
      policy: policyDocument([
        {
          sid: 'AccountAdministration',
          actions: KEY_ADMIN_ACTIONS,
          principals: { AWS: `arn:aws:iam::${accountId}:root` },
          resources: ['*'],
        },
        {
          sid: 'CloudWatchLogs',
          actions: KEY_USE_ACTIONS,
          principals: { Service: `logs.${region}.amazonaws.com` },
          resources: ['*'],
          conditions: { ArnLike: { 'kms:EncryptionContext:aws:logs:arn': `arn:aws:logs:${region}:${accountId}:log-group:*` } },
        },
        {
          sid: 'AwsServices',
          actions: ['kms:Decrypt', 'kms:GenerateDataKey'],
          principals: { Service: [...props.servicePrincipals].sort() },
          resources: ['*'],
          conditions: { StringEquals: { 'aws:SourceAccount': accountId } },
        },
      ]),
    });
    new KmsAlias(this, 'alias', {
      name: `alias/${props.naming.name('kmsAlias', 'kms', 'data')}`,
      targetKeyId: this.key.keyId,
    });
  }

  get arn(): string {
    return this.key.arn;
  }
}
