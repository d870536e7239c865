import type { SynthesizedStack } from '@data-platform/constructs';
import { referenced, stringConfig, TerraformReferences } from '../terraform-references.js';

/** One enabled rule of the source bucket's S3 replication, as Terraform will create it. */
export interface ObjectReplicationRule {
  readonly id: string;
  readonly prefix: string;
  readonly destinationBucket: string;
}

/** What the local emulation of reference-data replication takes from the source's synthesized stack. */
export interface SynthesizedReplication {
  readonly region: string;
  readonly sourceBucket: string;
  readonly objectRules: readonly ObjectReplicationRule[];
  /** The streamed table the pipe reads, with its key attributes and what its stream carries. */
  readonly sourceTable: { readonly name: string; readonly arn: string; readonly hashKey: string; readonly rangeKey?: string; readonly streamViewType: string };
  /** The workflow the pipe starts, its definition with every reference resolved. */
  readonly itemWorkflow: { readonly name: string; readonly arn: string; readonly roleArn: string; readonly definition: Record<string, unknown> };
}

/** The S3 replication rules, refusing any feature the emulation would silently ignore (tag filters, disabled rules aside). */
function objectRules(stack: SynthesizedStack, refs: TerraformReferences): { sourceBucket: string; rules: ObjectReplicationRule[] } {
  const configuration = stack.one('aws_s3_bucket_replication_configuration');
  const sourceBucket = refs.resolve(stringConfig(configuration, 'bucket'));
  const rules = (configuration.config['rule'] as Array<Record<string, unknown>>)
    .filter((rule) => rule['status'] === 'Enabled')
    .map((rule): ObjectReplicationRule => {
      const filter = rule['filter'] as { prefix?: unknown; and?: unknown; tag?: unknown } | undefined;
      if (filter?.and !== undefined || filter?.tag !== undefined) throw new Error(`replication rule ${String(rule['id'])} filters by tag, which the local run does not emulate`);
      const destination = refs.resolve(String((rule['destination'] as { bucket?: unknown }).bucket));
      const bucket = /^arn:aws:s3:::([^/]+)$/.exec(destination)?.[1];
      if (!bucket) throw new Error(`replication rule ${String(rule['id'])} has no bucket ARN as its destination (got ${destination})`);
      return { id: String(rule['id']), prefix: typeof filter?.prefix === 'string' ? filter.prefix : '', destinationBucket: bucket };
    });
  return { sourceBucket, rules };
}

/**
 * Reads prod's replication out of its synthesized stack: the `aws_s3_bucket_replication_configuration`
 * (source bucket, each rule's prefix and destination bucket) and the `aws_pipes_pipe` (the streamed
 * table it reads and the state machine it starts, with that machine's definition).
 */
export function synthesizedReplication(stack: SynthesizedStack): SynthesizedReplication {
  const refs = new TerraformReferences(stack);
  const { sourceBucket, rules } = objectRules(stack, refs);
  const pipe = stack.one('aws_pipes_pipe');
  const sourceParameters = pipe.config['source_parameters'] as Record<string, Record<string, unknown> | undefined> | undefined;
  if (sourceParameters?.['filter_criteria'] !== undefined) throw new Error('the pipe filters events, which the local run does not emulate');
  if (pipe.config['enrichment'] !== undefined || pipe.config['target_parameters'] === undefined) {
    throw new Error('the pipe has an enrichment or no target parameters, which the local run does not emulate');
  }
  const table = refs.resource('aws_dynamodb_table', referenced(pipe.config['source'], 'aws_dynamodb_table'));
  if (table.config['stream_enabled'] !== true) throw new Error(`the pipe reads ${stringConfig(table, 'name')}, whose stream is off`);
  const machine = refs.resource('aws_sfn_state_machine', referenced(pipe.config['target'], 'aws_sfn_state_machine'));
  const rangeKey = table.config['range_key'];
  return {
    region: refs.region,
    sourceBucket,
    objectRules: rules,
    sourceTable: {
      name: stringConfig(table, 'name'),
      arn: refs.attribute(table.type, table.id, 'arn'),
      hashKey: stringConfig(table, 'hash_key'),
      ...(typeof rangeKey === 'string' ? { rangeKey } : {}),
      streamViewType: stringConfig(table, 'stream_view_type'),
    },
    itemWorkflow: {
      name: stringConfig(machine, 'name'),
      arn: refs.attribute(machine.type, machine.id, 'arn'),
      roleArn: refs.resolve(stringConfig(machine, 'role_arn')),
      definition: JSON.parse(refs.resolve(stringConfig(machine, 'definition'))) as Record<string, unknown>,
    },
  };
}
