import type { SynthesizedStack } from '@data-platform/constructs';

/** Account id of every ARN the local run makes up: LocalStack's convention, never a real account. */
export const LOCAL_ACCOUNT_ID = '000000000000';

/** `${type.id.attr}`, where attr may step into a nested block (`master_user_secret[0].secret_arn`). */
const REFERENCE = /\$\{([\w-]+)\.([\w-]+)\.([\w-]+(?:\[\d+\]\.[\w-]+)?)\}/g;

type Resource = SynthesizedStack['resources'][number];

/**
 * Attributes AWS computes at apply time (ARNs, ids), made up the way AWS would shape them from
 * the resource's literal config, so the synthesized definition and environment can run locally.
 */
const COMPUTED: Record<string, (config: Record<string, unknown>, at: { region: string; account: string; id: string }) => Record<string, string>> = {
  aws_lambda_function: (c, { region, account }) => {
    const arn = `arn:aws:lambda:${region}:${account}:function:${c['function_name']}`;
    return { arn, qualified_arn: `${arn}:$LATEST`, id: String(c['function_name']), version: '$LATEST' };
  },
  aws_lambda_layer_version: (c, { region, account }) => {
    const arn = `arn:aws:lambda:${region}:${account}:layer:${c['layer_name']}:1`;
    return { arn, id: arn, layer_arn: arn.replace(/:1$/, ''), version: '1' };
  },
  aws_sns_topic: (c, { region, account }) => {
    const arn = `arn:aws:sns:${region}:${account}:${c['name']}`;
    return { arn, id: arn };
  },
  aws_sqs_queue: (c, { region, account }) => ({
    arn: `arn:aws:sqs:${region}:${account}:${c['name']}`,
    id: `https://sqs.${region}.amazonaws.com/${account}/${c['name']}`,
    url: `https://sqs.${region}.amazonaws.com/${account}/${c['name']}`,
  }),
  aws_dynamodb_table: (c, { region, account }) => ({ arn: `arn:aws:dynamodb:${region}:${account}:table/${c['name']}`, id: String(c['name']) }),
  aws_s3_bucket: (c) => ({ arn: `arn:aws:s3:::${c['bucket']}`, id: String(c['bucket']) }),
  aws_sfn_state_machine: (c, { region, account }) => {
    const arn = `arn:aws:states:${region}:${account}:stateMachine:${c['name']}`;
    return { arn, id: arn };
  },
  aws_cloudwatch_event_rule: (c, { region, account }) => ({ arn: `arn:aws:events:${region}:${account}:rule/${c['name']}`, id: String(c['name']) }),
  aws_cloudwatch_log_group: (c, { region, account }) => ({ arn: `arn:aws:logs:${region}:${account}:log-group:${c['name']}`, id: String(c['name']) }),
  aws_iam_role: (c, { account }) => ({ arn: `arn:aws:iam::${account}:role/${c['name']}`, id: String(c['name']) }),
  // The local run points database clients at PGlite instead (LocalDatabase); these only fill the variables in.
  aws_rds_cluster: (c, { region, account, id }) => ({
    endpoint: `${c['cluster_identifier']}.cluster-local.${region}.rds.amazonaws.com`,
    cluster_resource_id: `cluster-local-${id}`,
    'master_user_secret[0].secret_arn': `arn:aws:secretsmanager:${region}:${account}:secret:rds!cluster-local-${id}`,
    id: String(c['cluster_identifier']),
  }),
  aws_kms_key: (_c, { region, account, id }) => ({ arn: `arn:aws:kms:${region}:${account}:key/local-${id}`, key_id: `local-${id}`, id: `local-${id}` }),
};

/** A literal string attribute of a synthesized resource; throws when it is absent or not a string. */
export function stringConfig(resource: Resource, field: string): string {
  const value = resource.config[field];
  if (typeof value !== 'string') throw new Error(`${resource.type}.${resource.id} has no '${field}'`);
  return value;
}

/** `${type.id.attr}` → the id of the referenced resource; throws for anything else. */
export function referenced(reference: unknown, type: string): string {
  const match = typeof reference === 'string' ? /^\$\{([\w-]+)\.([\w-]+)\.[\w-]+\}$/.exec(reference) : null;
  if (!match || match[1] !== type) throw new Error(`expected a reference to a ${type}, got ${JSON.stringify(reference)}`);
  return match[2]!;
}

/**
 * Resolves Terraform references (`${aws_x.id.attr}`) inside synthesized strings: a literal
 * attribute of the referenced resource when the config has one (names), else the attribute AWS
 * would compute (ARNs, ids). Anything else fails loudly rather than running with a placeholder.
 */
export class TerraformReferences {
  readonly region: string;

  constructor(
    private readonly stack: SynthesizedStack,
    readonly account: string = LOCAL_ACCOUNT_ID,
  ) {
    const region = stack.providerConfig['region'];
    if (typeof region !== 'string') throw new Error('the synthesized stack has no literal AWS provider region');
    this.region = region;
  }

  /** The value of one attribute of one resource. */
  attribute(type: string, id: string, attribute: string): string {
    const literal = this.stack.attributeOf(`\${${type}.${id}.${attribute}}`);
    if (typeof literal === 'string' && !literal.includes('${')) return literal;
    if (typeof literal === 'number' || typeof literal === 'boolean') return String(literal);
    const resource = this.resource(type, id);
    const computed = COMPUTED[type]?.(resource.config, { region: this.region, account: this.account, id })[attribute];
    if (computed === undefined) throw new Error(`cannot resolve \${${type}.${id}.${attribute}} locally: no literal value and no emulated attribute`);
    return computed;
  }

  /** `text` with every `${type.id.attr}` replaced; throws if an unresolvable interpolation is left. */
  resolve(text: string): string {
    const resolved = text.replace(REFERENCE, (_match, type: string, id: string, attribute: string) => this.attribute(type, id, attribute));
    const left = /\$\{[^}]*\}/.exec(resolved);
    if (left) throw new Error(`cannot resolve Terraform expression ${left[0]} locally`);
    return resolved;
  }

  /** The resource a reference (`${type.id.attr}`) or a resolved ARN points at. */
  resource(type: string, id: string): Resource {
    const resource = this.stack.resources.find((candidate) => candidate.type === type && candidate.id === id);
    if (!resource) throw new Error(`the synthesized stack has no ${type}.${id}`);
    return resource;
  }

  /** Resources of `type` by their (emulated) ARN. */
  byArn(type: string): Map<string, Resource> {
    return new Map(this.stack.ofType(type).map((resource) => [this.attribute(type, resource.id, 'arn'), resource]));
  }
}
