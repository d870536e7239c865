import { destroyable } from './destroyable.js';
import { encryptedAtRest } from './encrypted-at-rest.js';
import { logRetentionSet } from './log-retention-set.js';
import { nameIncludesSuffix } from './name-includes-suffix.js';
import { noIamWildcardAction } from './no-iam-wildcard-action.js';
import { protectedStores } from './protected-stores.js';
import type { GovernanceRule } from './rule.js';

export type { GovernanceRule, RuleContext, SynthesizedResource } from './rule.js';

/** Every rule that fails synthesis. */
export const GOVERNANCE_RULES: readonly GovernanceRule[] = [
  nameIncludesSuffix,
  noIamWildcardAction,
  encryptedAtRest,
  logRetentionSet,
  destroyable,
  protectedStores,
];
