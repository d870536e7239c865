import { findWorkspaceRoot } from '@data-platform/workspace';
import { loadEnvironmentConfig, type EnvironmentConfig } from '@data-platform/config';
import { EnvironmentStack } from '../../src/stack/environment-stack.js';
import { OFFLINE_OUTPUTS_COMMENT } from '../../src/stack/remote-stack-state.js';
import { resourcesOf } from '../../src/aspects/check-governance.js';

import { type SynthesizedResource } from '../../src/aspects/rules/rule.js';
import { type TerraformJson } from '../../src/stack/synthesized-stack.js';
import { Testing } from 'cdktf';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { builtArtifacts } from '../fixtures/environment.js';

/** The environments whose roles the suite simulates: every app's own config. */
export const ENVIRONMENT_NAMES = ['dev', 'staging', 'prod'] as const;

/** One synthesized environment with every `${type.id.attr}` reference replaced by a concrete value. */
export interface SimulatedEnvironment {
  readonly name: string;
  readonly config: EnvironmentConfig;
  readonly resources: readonly SynthesizedResource[];
}

/** A read of another stack's output; resolved to the stand-in the data source declares for offline plans. */
const REMOTE_OUTPUT = /\$\{data\.terraform_remote_state\.([\w-]+)\.outputs\.([\w-]+)\}/g;
const REFERENCE = /\$\{([a-z0-9_]+)\.([\w-]+)\.([a-z_]+(?:\[\d+\]\.[a-z_]+)?)\}/g;

/** What Terraform would know after apply: ARNs and names as AWS forms them, ids made up but stable. */
function concreteValue(resource: SynthesizedResource, attribute: string, { region, accountId }: EnvironmentConfig): string {
  const c = resource.config as Record<string, string>;
  const arn = (service: string, rest: string) => `arn:aws:${service}:${region}:${accountId}:${rest}`;
  const named: Record<string, () => string> = {
    aws_s3_bucket: () => (attribute === 'arn' ? `arn:aws:s3:::${c['bucket']}` : c['bucket']!),
    aws_dynamodb_table: () => {
      if (attribute === 'stream_arn') return arn('dynamodb', `table/${c['name']}/stream/2026-11-30T00:00:00.000`);
      return attribute === 'arn' ? arn('dynamodb', `table/${c['name']}`) : c['name']!;
    },
    aws_sns_topic: () => arn('sns', c['name']!),
    aws_sqs_queue: () => (attribute === 'url' ? `https://sqs.${region}.amazonaws.com/${accountId}/${c['name']}` : arn('sqs', c['name']!)),
    aws_kms_key: () => (attribute === 'arn' ? arn('kms', `key/${resource.id}`) : resource.id),
    aws_lambda_function: () => (attribute === 'arn' ? arn('lambda', `function:${c['function_name']}`) : c['function_name']!),
    aws_lambda_layer_version: () => arn('lambda', `layer:${c['layer_name']}:1`),
    aws_sfn_state_machine: () => arn('states', `stateMachine:${c['name']}`),
    aws_cloudwatch_log_group: () => (attribute === 'arn' ? arn('logs', `log-group:${c['name']}`) : c['name']!),
    aws_cloudwatch_event_rule: () => (attribute === 'arn' ? arn('events', `rule/${c['name']}`) : c['name']!),
    aws_iam_role: () => (attribute === 'arn' ? `arn:aws:iam::${accountId}:role/${c['name']}` : c['name']!),
    aws_subnet: () => `subnet-${resource.id.replace(/[^a-z0-9]/gi, '').slice(-12).toLowerCase()}`,
    aws_rds_cluster: () => {
      const id = resource.id.replace(/[^a-z0-9]/gi, '').slice(-12).toUpperCase();
      if (attribute === 'cluster_resource_id') return `cluster-${id}`;
      if (attribute.startsWith('master_user_secret')) return arn('secretsmanager', `secret:rds!cluster-${id.toLowerCase()}-AbCdEf`);
      return `${c['cluster_identifier']}.cluster-abc.${region}.rds.amazonaws.com`;
    },
    aws_security_group: () => `sg-${resource.id.replace(/[^a-z0-9]/gi, '').slice(-12).toLowerCase()}`,
  };
  return named[resource.type]?.() ?? `${resource.type}-${resource.id}-${attribute}`;
}

type RemoteOutputs = ReadonlyMap<string, Readonly<Record<string, string>>>;

function resolve(value: unknown, byAddress: Map<string, SynthesizedResource>, config: EnvironmentConfig, remote: RemoteOutputs): unknown {
  if (typeof value === 'string') {
    return value.replace(REMOTE_OUTPUT, (whole, id: string, output: string) => remote.get(id)?.[output] ?? whole).replace(REFERENCE, (whole, type: string, id: string, attribute: string) => {
      const target = byAddress.get(`${type}.${id}`);
      return target ? concreteValue(target, attribute, config) : whole;
    });
  }
  if (Array.isArray(value)) return value.map((item) => resolve(item, byAddress, config, remote));
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, resolve(v, byAddress, config, remote)]));
  }
  return value;
}

/** Synthesizes one environment app's stack from its own cdktf.json and makes every reference concrete. */
export function simulatedEnvironment(name: string): SimulatedEnvironment {
  const root = findWorkspaceRoot(import.meta.dirname);
  const cdktf = JSON.parse(readFileSync(join(root, 'apps', `infra-${name}`, 'cdktf.json'), 'utf8')) as { context: unknown };
  const config = loadEnvironmentConfig(cdktf.context);
  const stack = new EnvironmentStack(Testing.app(), config, builtArtifacts());
  const json = stack.toTerraform() as TerraformJson & { data?: { terraform_remote_state?: Record<string, { '//'?: { [OFFLINE_OUTPUTS_COMMENT]?: Record<string, string> } }> } };
  const raw = resourcesOf(json as Parameters<typeof resourcesOf>[0]);
  const byAddress = new Map(raw.map((r) => [`${r.type}.${r.id}`, r]));
  const remote: RemoteOutputs = new Map(Object.entries(json.data?.terraform_remote_state ?? {}).map(([id, block]) => [id, block['//']?.[OFFLINE_OUTPUTS_COMMENT] ?? {}]));
  const resources = raw.map((r) => ({ ...r, config: resolve(r.config, byAddress, config, remote) as Record<string, unknown> }));
  return { name, config, resources };
}
