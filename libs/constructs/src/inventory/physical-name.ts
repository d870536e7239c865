import type { SynthesizedResource } from '../aspects/rules/rule.js';

/** The attribute holding the physical name, for types whose name is not simply `name`. */
export const NAME_ATTRIBUTE: Readonly<Record<string, string>> = {
  aws_s3_bucket: 'bucket',
  aws_lambda_function: 'function_name',
  aws_lambda_layer_version: 'layer_name',
  aws_rds_cluster: 'cluster_identifier',
  aws_rds_cluster_instance: 'identifier',
};

/** Types whose `name` is not a physical name (or which have none). */
const UNNAMED_TYPES = new Set(['aws_sfn_state_machine_alias', 'aws_cloudwatch_event_target']);

/** The attribute that names a resource in AWS, or undefined for types that have none. */
export function nameAttributeOf(type: string): string | undefined {
  return UNNAMED_TYPES.has(type) ? undefined : (NAME_ATTRIBUTE[type] ?? 'name');
}

/** The literal physical name of a resource: its name attribute, else its `Name` tag. */
export function physicalNameOf(resource: SynthesizedResource): string | undefined {
  const attribute = nameAttributeOf(resource.type);
  const value = attribute ? resource.config[attribute] : undefined;
  if (typeof value === 'string' && !value.includes('${')) return value;
  const tag = (resource.config['tags'] as Record<string, unknown> | undefined)?.['Name'];
  return typeof tag === 'string' ? tag : undefined;
}
