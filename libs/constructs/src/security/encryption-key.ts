import { KmsAlias } from '@cdktf/provider-aws/lib/kms-alias';
import { KmsKey } from '@cdktf/provider-aws/lib/kms-key';
import type { Naming } from '@data-platform/config';
import { Lazy } from 'cdktf';
import { Construct } from 'constructs';
import { viaService } from '../iam/arns.js';
import { allowService, policyDocument, type PolicyStatement } from '../iam/policy-document.js';
import { DESTROYABLE_KEY_DELETION_WINDOW_DAYS, PROTECTED_KEY_DELETION_WINDOW_DAYS, storeLifecycle } from '../protection/store-protection.js';

/**
 * What the account's administrators may do with the key: manage it, never use it. Encrypt,
 * Decrypt, GenerateDataKey and ReEncrypt are absent on purpose (they come only through services).
 */
const KEY_ADMIN_ACTIONS = [
  'kms:CancelKeyDeletion', 'kms:CreateAlias', 'kms:DeleteAlias', 'kms:DescribeKey', 'kms:DisableKey', 'kms:DisableKeyRotation',
  'kms:EnableKey', 'kms:EnableKeyRotation', 'kms:GetKeyPolicy', 'kms:GetKeyRotationStatus', 'kms:ListAliases', 'kms:ListGrants',
  'kms:ListKeyPolicies', 'kms:ListResourceTags', 'kms:PutKeyPolicy', 'kms:RevokeGrant', 'kms:ScheduleKeyDeletion',
  'kms:TagResource', 'kms:UntagResource', 'kms:UpdateAlias', 'kms:UpdateKeyDescription',
];

/** Cryptographic use, granted only through the services that store the environment's data. */
const KEY_USE_ACTIONS = ['kms:Decrypt', 'kms:DescribeKey', 'kms:Encrypt', 'kms:GenerateDataKey', 'kms:ReEncryptFrom', 'kms:ReEncryptTo'];

/** Services whose resources an environment key encrypts, so principals of the account may use it through them. */
export const KEY_SERVICES = ['dynamodb', 'lambda', 'rds', 's3', 'secretsmanager', 'sns', 'sqs', 'states'] as const;

export interface EncryptionKeyProps {
  readonly naming: Naming;
  readonly accountId: string;
  readonly region: string;
  /**
   * Services the key may be used through by principals of the account.
   * @default KEY_SERVICES, every service an environment stores data in
   */
  readonly services?: readonly string[];
  /**
   * Data protection (prod): a 30-day deletion window and `prevent_destroy`; otherwise 7 days, the
   * shortest waiting period, so the stack destroys cleanly.
   */
  readonly protection: boolean;
}

/** A service principal that encrypts with the key on its own behalf, for the named resources only. */
export interface ServiceKeyUse {
  readonly sid: string;
  readonly service: string;
  readonly actions: readonly string[];
  /** Only requests made for these resources (aws:SourceArn), e.g. the EventBridge rules of a DLQ. */
  readonly sourceArns: readonly string[];
}

/**
 * The environment's customer-managed key with annual rotation. Its policy separates administration
 * (the account, no cryptographic actions) from use: principals of the account only through the
 * listed services (kms:ViaService + kms:CallerAccount), CloudWatch Logs only for this account's log
 * groups (encryption context), and service principals only for named source resources.
 */
export class EncryptionKey extends Construct {
  readonly key: KmsKey;
  private readonly serviceUses: ServiceKeyUse[] = [];
  private readonly admitted: PolicyStatement[] = [];

  constructor(scope: Construct, id: string, props: EncryptionKeyProps) {
    super(scope, id);
    const { accountId, region } = props;
    const account = `arn:aws:iam::${accountId}:root`;
    const throughServices = (props.services ?? KEY_SERVICES).map((service) => viaService(service, region));
    const fixedStatements: PolicyStatement[] = [
      { sid: 'KeyAdministration', actions: KEY_ADMIN_ACTIONS, principals: { AWS: account }, resources: ['*'] },
      {
        sid: 'UseThroughAccountServices',
        actions: KEY_USE_ACTIONS,
        principals: { AWS: account },
        resources: ['*'],
        conditions: { StringEquals: { 'kms:CallerAccount': accountId, 'kms:ViaService': throughServices } },
      },
      {
        sid: 'GrantsForAwsResources',
        actions: ['kms:CreateGrant'],
        principals: { AWS: account },
        resources: ['*'],
        conditions: {
          StringEquals: { 'kms:CallerAccount': accountId, 'kms:ViaService': throughServices },
          Bool: { 'kms:GrantIsForAWSResource': true },
        },
      },
      {
        sid: 'CloudWatchLogs',
        actions: KEY_USE_ACTIONS,
        principals: { Service: `logs.${region}.amazonaws.com` },
        resources: ['*'],
        conditions: { ArnLike: { 'kms:EncryptionContext:aws:logs:arn': `arn:aws:logs:${region}:${accountId}:log-group:*` } },
      },
    ];
    this.key = new KmsKey(this, 'key', {
      description: `Data platform key (${props.naming.name('generic', 'kms', 'data')})`,
      enableKeyRotation: true,
      deletionWindowInDays: props.protection ? PROTECTED_KEY_DELETION_WINDOW_DAYS : DESTROYABLE_KEY_DELETION_WINDOW_DAYS,
      lifecycle: storeLifecycle(props.protection),
      // Lazy: service uses are added once the resources they serve exist (e.g. the DLQ's rule).
      policy: Lazy.stringValue({
        produce: () =>
          policyDocument([
            ...fixedStatements,
            ...this.admitted,
            ...this.serviceUses.map(({ service, sourceArns, ...statement }) => allowService(service, { sourceArns }, { ...statement, resources: ['*'] })),
          ]),
      }),
    });
    new KmsAlias(this, 'alias', {
      name: `alias/${props.naming.name('kmsAlias', 'kms', 'data')}`,
      targetKeyId: this.key.keyId,
    });
  }

  get arn(): string {
    return this.key.arn;
  }

  /** Adds a statement for a principal of another account (the one role that encrypts reference replicas here). */
  admit(statement: PolicyStatement): void {
    this.admitted.push(statement);
  }

  /** Lets a service principal encrypt with the key for the named resources only. */
  allowServiceUse(use: ServiceKeyUse): void {
    this.serviceUses.push(use);
  }
}
