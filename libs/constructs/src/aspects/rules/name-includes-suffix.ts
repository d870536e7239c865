import type { GovernanceRule } from './rule.js';

/** The attribute holding the physical name, for types whose name is not simply `name`. */
const NAME_ATTRIBUTE: Readonly<Record<string, string>> = {
  aws_s3_bucket: 'bucket',
  aws_lambda_function: 'function_name',
  aws_lambda_layer_version: 'layer_name',
  aws_rds_cluster: 'cluster_identifier',
  aws_rds_cluster_instance: 'identifier',
};

/** Types whose `name` is not a physical name (or which have none). */
const UNNAMED_TYPES = new Set(['aws_sfn_state_machine_alias', 'aws_cloudwatch_event_target']);

/** SPEC §2: `environmentSuffix` is part of every physical name (PR environments must not collide). */
export const nameIncludesSuffix: GovernanceRule = {
  id: 'name-includes-suffix',
  description: 'Every physical name contains the environment suffix',
  scannerIds: [],
  check(resource, { environmentSuffix }) {
    if (UNNAMED_TYPES.has(resource.type)) return [];
    const attribute = NAME_ATTRIBUTE[resource.type] ?? 'name';
    const name = resource.config[attribute];
    if (typeof name !== 'string' || name.includes('${')) return [];
    const segment = new RegExp(`(^|[-_./:])${environmentSuffix}($|[-_./:])`);
    return segment.test(name) ? [] : [`${attribute} '${name}' does not contain the environment suffix '${environmentSuffix}'`];
  },
};
