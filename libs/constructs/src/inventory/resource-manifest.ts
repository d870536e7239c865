import { suppressionsOf } from '../aspects/suppressions.js';
import type { SynthesizedStack } from '../stack/synthesized-stack.js';
import { physicalNameOf } from './physical-name.js';

/** Settings worth a reviewer's eye, per resource type (paths into the resource's Terraform JSON). */
const KEY_SETTINGS: Readonly<Record<string, readonly string[]>> = {
  aws_vpc: ['cidr_block'],
  aws_subnet: ['availability_zone', 'cidr_block'],
  aws_vpc_endpoint: ['service_name', 'vpc_endpoint_type'],
  aws_lambda_function: ['runtime', 'architectures', 'memory_size', 'timeout', 'tracing_config.mode', 'reserved_concurrent_executions'],
  aws_lambda_layer_version: ['compatible_architectures', 'compatible_runtimes'],
  aws_dynamodb_table: ['billing_mode', 'read_capacity', 'write_capacity', 'point_in_time_recovery.enabled'],
  aws_s3_bucket_versioning: ['versioning_configuration.status'],
  aws_s3_bucket_lifecycle_configuration: ['rule.0.expiration.0.days', 'rule.0.transition.0.days', 'rule.0.transition.0.storage_class'],
  aws_cloudwatch_log_group: ['retention_in_days'],
  aws_sfn_state_machine: ['type', 'tracing_configuration.enabled', 'logging_configuration.level'],
  aws_sqs_queue: ['message_retention_seconds'],
  aws_kms_key: ['enable_key_rotation', 'deletion_window_in_days'],
  aws_flow_log: ['traffic_type', 'log_destination_type'],
  aws_sns_topic_subscription: ['protocol', 'endpoint'],
  aws_nat_gateway: ['subnet_id'],
  aws_rds_cluster: [
    'engine_version',
    'serverlessv2_scaling_configuration.min_capacity',
    'serverlessv2_scaling_configuration.max_capacity',
    'backup_retention_period',
    'deletion_protection',
    'skip_final_snapshot',
    'iam_database_authentication_enabled',
  ],
  aws_rds_cluster_instance: ['instance_class', 'performance_insights_enabled'],
  aws_secretsmanager_secret_rotation: ['rotation_rules.automatically_after_days'],
  aws_apigatewayv2_stage: ['name', 'default_route_settings.throttling_rate_limit', 'default_route_settings.throttling_burst_limit'],
  aws_apigatewayv2_route: ['route_key', 'authorization_type'],
};

/** One line of the inventory. */
export interface ManifestEntry {
  readonly type: string;
  readonly address: string;
  readonly name?: string;
  readonly settings: Readonly<Record<string, unknown>>;
}

/** A governance rule a resource is exempt from, and why (SPEC §3.8: every suppression has a reason). */
export interface ManifestSuppression {
  readonly address: string;
  readonly rule: string;
  readonly reason: string;
}

export interface ResourceManifest {
  readonly environment: string;
  readonly resourceCount: number;
  readonly countsByType: Readonly<Record<string, number>>;
  readonly resources: readonly ManifestEntry[];
  readonly suppressions: readonly ManifestSuppression[];
}

function valueAt(config: unknown, path: string): unknown {
  return path.split('.').reduce<unknown>((node, key) => {
    if (node === null || typeof node !== 'object') return undefined;
    const next = Array.isArray(node) && !/^\d+$/.test(key) ? node[0] : node;
    return (next as Record<string, unknown>)?.[key];
  }, config);
}

/** The inventory of every resource of one environment (SPEC §3.10), sorted by address (code-unit order, locale-independent). */
export function resourceManifest(environment: string, stack: SynthesizedStack): ResourceManifest {
  const resources = stack.resources
    .map((resource) => {
      const settings = Object.fromEntries(
        (KEY_SETTINGS[resource.type] ?? [])
          .map((path) => [path, valueAt(resource.config, path)] as const)
          .filter(([, value]) => value !== undefined),
      );
      const name = physicalNameOf(resource);
      return { type: resource.type, address: `${resource.type}.${resource.id}`, ...(name ? { name } : {}), settings };
    })
    .sort((a, b) => (a.address < b.address ? -1 : a.address > b.address ? 1 : 0));
  const suppressions = stack.resources
    .flatMap((resource) => suppressionsOf(resource).map((s) => ({ address: `${resource.type}.${resource.id}`, rule: s.rule, reason: s.reason })))
    .sort((a, b) => (a.address + a.rule < b.address + b.rule ? -1 : 1));
  return { environment, resourceCount: resources.length, countsByType: stack.countsByType(), resources, suppressions };
}

const cell = (value: unknown) => (typeof value === 'string' ? value : JSON.stringify(value)).replaceAll('|', '\\|');

/** The inventory as Markdown, short enough for a PR comment. */
export function manifestMarkdown(manifest: ResourceManifest): string {
  return [
    `## ${manifest.environment}: ${manifest.resourceCount} resources`,
    '',
    '| type | count |',
    '|---|---:|',
    ...Object.entries(manifest.countsByType).map(([type, count]) => `| \`${type}\` | ${count} |`),
    '',
    `### Governance suppressions (${manifest.suppressions.length})`,
    '',
    ...(manifest.suppressions.length === 0
      ? ['None: every rule passes on every resource.']
      : ['| resource | rule | reason |', '|---|---|---|', ...manifest.suppressions.map((s) => `| \`${s.address}\` | ${s.rule} | ${cell(s.reason)} |`)]),
    '',
    '<details><summary>Every resource</summary>',
    '',
    '| type | name | key settings |',
    '|---|---|---|',
    ...manifest.resources.map(
      (r) => `| \`${r.type}\` | ${cell(r.name ?? '')} | ${Object.entries(r.settings).map(([k, v]) => `${k}=${cell(v)}`).join(', ')} |`,
    ),
    '',
    '</details>',
    '',
  ].join('\n');
}
