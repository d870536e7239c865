import { nameAttributeOf } from '../../inventory/physical-name.js';
import type { GovernanceRule } from './rule.js';

/** SPEC §2: `environmentSuffix` is part of every physical name (PR environments must not collide). */
export const nameIncludesSuffix: GovernanceRule = {
  id: 'name-includes-suffix',
  description: 'Every physical name contains the environment suffix',
  scannerIds: [],
  check(resource, { environmentSuffix }) {
    const attribute = nameAttributeOf(resource.type);
    if (!attribute) return [];
    const name = resource.config[attribute];
    if (typeof name !== 'string' || name.includes('${')) return [];
    const segment = new RegExp(`(^|[-_./:])${environmentSuffix}($|[-_./:])`);
    return segment.test(name) ? [] : [`${attribute} '${name}' does not contain the environment suffix '${environmentSuffix}'`];
  },
};
