import { asList, isAllow, statementsOf } from './policy-statements.js';
import type { GovernanceRule } from './rule.js';

/**
 * Least privilege (seed 004): an Allow lists its actions, with no `*` in any of them and no
 * NotAction (an implicit wildcard). Deny statements are never flagged: a TLS-only deny must say `s3:*`.
 * Stricter than CKV_AWS_63 (only a bare `*`), on every policy type, so it carries that ID.
 */
export const iamNoWildcardAction: GovernanceRule = {
  id: 'iam-no-wildcard-action',
  description: 'No Allow statement grants a wildcard action or uses NotAction',
  scannerIds: ['CKV_AWS_63'],
  check(resource) {
    const { statements, problems } = statementsOf(resource);
    for (const statement of statements.filter(isAllow)) {
      if (statement.NotAction) problems.push(`${statement.attribute} uses NotAction in an Allow, which grants every other action`);
      for (const action of asList(statement.Action).filter((a) => a.includes('*'))) {
        problems.push(`${statement.attribute} grants wildcard action '${action}'`);
      }
    }
    return problems;
  },
};
