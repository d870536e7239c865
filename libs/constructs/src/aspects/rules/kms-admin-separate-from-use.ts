import { grantsAdministration, grantsCryptoUse } from './kms-crypto-actions.js';
import { hasCondition, isAllow, principalsOf, statementsOf } from './policy-statements.js';
import { ruleFor } from './rule.js';

/** Conditions that tie a use of the key to one service or one resource's data. */
const SCOPING_CONDITIONS = ['kms:ViaService', 'aws:SourceArn'];
const scoped = (condition: string) => SCOPING_CONDITIONS.includes(condition) || condition.toLowerCase().startsWith('kms:encryptioncontext:');

/**
 * Key policy separates administration from use: no statement both administers the key and uses it,
 * and every use is scoped to a service (kms:ViaService), a source resource or an encryption context.
 */
export const kmsAdminSeparateFromUse = ruleFor('aws_kms_key', 'kms-admin-separate-from-use', [], {
  description: 'Key policies keep administration and use apart; every use is scoped by service or encryption context',
  check(key) {
    const { statements, problems } = statementsOf(key);
    for (const s of statements.filter(isAllow)) {
      const sid = s.Sid ?? '(no Sid)';
      if (grantsAdministration(s) && grantsCryptoUse(s)) problems.push(`statement ${sid} both administers and uses the key`);
      const conditionKeys = Object.values(s.Condition ?? {}).flatMap((clauses) => Object.keys(clauses));
      if (grantsCryptoUse(s) && !conditionKeys.some(scoped)) {
        const who = [...principalsOf(s, 'AWS'), ...principalsOf(s, 'Service')].join(', ');
        problems.push(`statement ${sid} lets ${who} use the key without kms:ViaService, aws:SourceArn or an encryption-context condition`);
      }
      if (grantsCryptoUse(s) && principalsOf(s, 'AWS').some((p) => p.endsWith(':root')) && !hasCondition(s, 'kms:CallerAccount')) {
        problems.push(`statement ${sid} delegates use to the account without kms:CallerAccount`);
      }
    }
    return problems;
  },
});
