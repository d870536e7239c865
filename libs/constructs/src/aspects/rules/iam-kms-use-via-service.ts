import { grantsCryptoUse } from './kms-crypto-actions.js';
import { conditionValues, IDENTITY_POLICY_TYPES, isAllow, statementsOf } from './policy-statements.js';
import type { GovernanceRule } from './rule.js';

/**
 * A role uses the key only through the service that stores its data (kms:ViaService), and only for
 * that data (an encryption-context condition): a stolen session cannot call KMS directly.
 */
export const iamKmsUseViaService: GovernanceRule = {
  id: 'iam-kms-use-via-service',
  description: 'Identity policies allow KMS use only with kms:ViaService and an encryption-context condition',
  scannerIds: [],
  check(resource) {
    if (!IDENTITY_POLICY_TYPES.has(resource.type)) return [];
    const { statements, problems } = statementsOf(resource);
    for (const s of statements.filter((statement) => isAllow(statement) && grantsCryptoUse(statement))) {
      const sid = s.Sid ?? '(no Sid)';
      if (conditionValues(s, 'kms:ViaService').length === 0) problems.push(`statement ${sid} allows KMS use without kms:ViaService`);
      const contextKeys = Object.values(s.Condition ?? {}).flatMap((clauses) => Object.keys(clauses)).filter((k) => k.toLowerCase().startsWith('kms:encryptioncontext:'));
      if (contextKeys.length === 0) problems.push(`statement ${sid} allows KMS use without an encryption-context condition`);
    }
    return problems;
  },
};
