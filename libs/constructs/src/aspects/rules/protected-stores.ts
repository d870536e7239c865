import { STORE_PROTECTION } from '../../protection/store-protection.js';
import type { GovernanceRule } from './rule.js';

/**
 * The mirror of `destroyable` for environments whose config turns protection on (prod): every
 * store must survive a mistaken `terraform destroy` or replacement (SPEC §2, §3.8).
 */
export const protectedStores: GovernanceRule = {
  id: 'protected-stores',
  description: 'Where protection is on, every store has deletion protection and prevent_destroy',
  // CKV_AWS_139 (RDS deletion protection) and AVD-AWS-0177 hold for the database once it exists;
  // the rule checks more stores than either, so it is named for what it checks.
  scannerIds: [],
  check(resource, { protection }) {
    if (!protection) return [];
    const store = STORE_PROTECTION[resource.type];
    if (!store) return [];
    const problems: string[] = [];
    for (const [attribute, holds] of Object.entries(store.protectedWhen)) {
      if (!holds(resource.config[attribute])) problems.push(`${attribute} is ${JSON.stringify(resource.config[attribute] ?? null)}; a protected store needs ${store.description}`);
    }
    const lifecycle = resource.config['lifecycle'] as { prevent_destroy?: unknown } | undefined;
    if (lifecycle?.prevent_destroy !== true) problems.push('lifecycle.prevent_destroy is not set, so a destroy or replacement would reach the data');
    return problems;
  },
};
