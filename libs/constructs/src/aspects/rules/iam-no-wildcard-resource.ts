import { asList, IDENTITY_POLICY_TYPES, isAllow, statementsOf } from './policy-statements.js';
import type { GovernanceRule } from './rule.js';
import { WILDCARD_ONLY_ACTIONS } from './wildcard-only-actions.js';

const wildcardOnly = new Set(WILDCARD_ONLY_ACTIONS.map((a) => a.toLowerCase()));

/** `Resource: "*"` in an identity policy only for actions that exist only on `*` (as CKV_AWS_355 checks). */
export const iamNoWildcardResource: GovernanceRule = {
  id: 'iam-no-wildcard-resource',
  description: 'Identity policies grant Resource "*" only for the documented actions that exist only on *',
  scannerIds: ['CKV_AWS_355'],
  check(resource) {
    if (!IDENTITY_POLICY_TYPES.has(resource.type)) return [];
    const { statements, problems } = statementsOf(resource);
    for (const statement of statements.filter(isAllow)) {
      if (statement.NotResource) problems.push(`statement ${statement.Sid ?? '(no Sid)'} uses NotResource in an Allow`);
      if (!asList(statement.Resource).includes('*')) continue;
      const restrictable = asList(statement.Action).filter((a) => !wildcardOnly.has(a.toLowerCase()));
      if (restrictable.length > 0) problems.push(`statement ${statement.Sid ?? '(no Sid)'} grants ${restrictable.join(', ')} on Resource "*"`);
    }
    return problems;
  },
};
