import { asList, coversAction, type Statement } from './policy-statements.js';

/** KMS actions that use key material (as opposed to administering the key). */
export const KMS_CRYPTO_ACTIONS = [
  'kms:Decrypt', 'kms:Encrypt', 'kms:GenerateDataKey', 'kms:GenerateDataKeyPair', 'kms:GenerateDataKeyPairWithoutPlaintext',
  'kms:GenerateDataKeyWithoutPlaintext', 'kms:ReEncryptFrom', 'kms:ReEncryptTo',
];

/** KMS actions that change who controls a key, or destroy it. */
export const KMS_ADMIN_ACTIONS = [
  'kms:PutKeyPolicy', 'kms:ScheduleKeyDeletion', 'kms:DisableKey', 'kms:DisableKeyRotation', 'kms:CreateAlias', 'kms:DeleteAlias', 'kms:UpdateAlias',
];

export const grantsCryptoUse = (s: Statement): boolean => KMS_CRYPTO_ACTIONS.some((action) => coversAction(asList(s.Action), action));
export const grantsAdministration = (s: Statement): boolean => KMS_ADMIN_ACTIONS.some((action) => coversAction(asList(s.Action), action));
