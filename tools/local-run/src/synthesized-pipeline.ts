import type { SynthesizedStack } from '@data-platform/constructs';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { referenced, stringConfig, TerraformReferences } from './terraform-references.js';
import { UserError } from '@data-platform/workspace';

/** One `aws_lambda_function` as the local runtime needs it, every reference resolved. */
export interface SynthesizedFunction {
  readonly name: string;
  readonly arn: string;
  /** `file.export`, e.g. `index.handler`. */
  readonly handler: string;
  readonly runtime: string;
  readonly memoryMb: number;
  readonly timeoutSeconds: number;
  readonly environment: Readonly<Record<string, string>>;
  /** Absolute path of the code zip the stack uploads (the built bundle, copied by synth). */
  readonly codeZip: string;
  /** Absolute paths of the layer zips, in the function's layer order. */
  readonly layerZips: readonly string[];
  readonly logGroup: string;
}

/** What a local run of the data pipeline takes from the synthesized stack, and nothing else. */
export interface SynthesizedPipeline {
  readonly stackName: string;
  readonly region: string;
  readonly account: string;
  readonly stateMachine: { readonly name: string; readonly arn: string; readonly roleArn: string; readonly definition: Record<string, unknown> };
  /** The EventBridge rule whose target is the state machine. */
  readonly trigger: { readonly ruleName: string; readonly pattern: Record<string, unknown> };
  /** The bucket the trigger listens to. */
  readonly bucket: string;
  /** The run-metadata table and its key attribute names. */
  readonly table: { readonly name: string; readonly hashKey: string; readonly rangeKey?: string };
  readonly topics: ReadonlyMap<string, string>;
  readonly functions: readonly SynthesizedFunction[];
  /** What `terraform apply` invokes once (aws_lambda_invocation): the database migrations. */
  readonly invocations: ReadonlyArray<{ readonly functionName: string; readonly input: unknown }>;
  /** The status API: the function its integration calls and its stage's name. */
  readonly api?: { readonly functionName: string; readonly stage: string };
}

/**
 * Reads the pipeline out of a synthesized stack: the state machine definition with every
 * Terraform reference resolved, its EventBridge trigger, the bucket, table, topics and functions.
 */
export function synthesizedPipeline(stack: SynthesizedStack, stackName: string): SynthesizedPipeline {
  if (!stack.directory) throw new Error('the synthesized stack was not read from disk: its asset paths cannot be resolved');
  const refs = new TerraformReferences(stack);
  // The pipeline is the state machine an EventBridge rule starts (prod also has reference-item replication's, started by a pipe).
  const machines = refs.byArn('aws_sfn_state_machine');
  const target = stack
    .ofType('aws_cloudwatch_event_target')
    .find((candidate) => typeof candidate.config['arn'] === 'string' && machines.has(refs.resolve(candidate.config['arn'] as string)));
  if (!target) throw new Error('no EventBridge target starts a state machine');
  const stateMachineArn = refs.resolve(target.config['arn'] as string);
  const machine = machines.get(stateMachineArn)!;
  for (const unsupported of ['input', 'input_path', 'input_transformer']) {
    if (target.config[unsupported] !== undefined) throw new Error(`the EventBridge target uses '${unsupported}', which the local run does not emulate`);
  }
  const rule = refs.resource('aws_cloudwatch_event_rule', referenced(target.config['rule'], 'aws_cloudwatch_event_rule'));
  const pattern = JSON.parse(refs.resolve(stringConfig(rule, 'event_pattern'))) as Record<string, unknown>;
  const bucketNames = ((pattern['detail'] as { bucket?: { name?: unknown[] } } | undefined)?.bucket?.name ?? []).filter(
    (name): name is string => typeof name === 'string',
  );
  if (bucketNames.length !== 1) throw new Error(`the trigger rule should name one bucket, found ${JSON.stringify(bucketNames)}`);

  const tableResource = stack.one('aws_dynamodb_table', 'metadata-table');
  const rangeKey = tableResource.config['range_key'];
  const functions = stack.ofType('aws_lambda_function').map((resource): SynthesizedFunction => {
    const config = resource.config as {
      function_name: string;
      handler: string;
      runtime: string;
      memory_size?: number;
      timeout?: number;
      filename?: string;
      layers?: string[];
      environment?: { variables?: Record<string, string> };
      logging_config?: { log_group?: string };
    };
    if (!config.filename) throw new Error(`${resource.id}: only zip-file functions can run locally`);
    const asset = (file: string) => {
      const path = resolve(stack.directory!, file);
      if (!existsSync(path)) throw new UserError(`the stack's asset ${path} is missing: run "npx nx run-many -t synth" again`);
      return path;
    };
    const variables = Object.fromEntries(Object.entries(config.environment?.variables ?? {}).map(([name, value]) => [name, refs.resolve(String(value))]));
    return {
      name: config.function_name,
      arn: refs.attribute(resource.type, resource.id, 'arn'),
      handler: config.handler,
      runtime: config.runtime,
      // Terraform's defaults when the config leaves them out.
      memoryMb: config.memory_size ?? 128,
      timeoutSeconds: config.timeout ?? 3,
      environment: variables,
      codeZip: asset(config.filename),
      layerZips: (config.layers ?? []).map((layer) =>
        asset(stringConfig(refs.resource('aws_lambda_layer_version', referenced(layer, 'aws_lambda_layer_version')), 'filename')),
      ),
      logGroup: config.logging_config?.log_group ? refs.resolve(config.logging_config.log_group) : `/aws/lambda/${config.function_name}`,
    };
  });

  const functionName = (reference: unknown) =>
    stringConfig(refs.resource('aws_lambda_function', referenced(reference, 'aws_lambda_function')), 'function_name');
  const invocations = stack.ofType('aws_lambda_invocation').map((invocation) => ({
    functionName: functionName(invocation.config['function_name']),
    input: JSON.parse(String(invocation.config['input'] ?? '{}')) as unknown,
  }));
  const integration = stack.ofType('aws_apigatewayv2_integration')[0];
  const stage = stack.ofType('aws_apigatewayv2_stage')[0];
  const api = integration && stage ? { functionName: functionName(integration.config['integration_uri']), stage: stringConfig(stage, 'name') } : undefined;

  return {
    stackName,
    region: refs.region,
    account: refs.account,
    stateMachine: {
      name: stringConfig(machine, 'name'),
      arn: stateMachineArn,
      roleArn: refs.resolve(stringConfig(machine, 'role_arn')),
      definition: JSON.parse(refs.resolve(stringConfig(machine, 'definition'))) as Record<string, unknown>,
    },
    trigger: { ruleName: stringConfig(rule, 'name'), pattern },
    bucket: bucketNames[0]!,
    table: {
      name: stringConfig(tableResource, 'name'),
      hashKey: stringConfig(tableResource, 'hash_key'),
      ...(typeof rangeKey === 'string' ? { rangeKey } : {}),
    },
    topics: new Map([...refs.byArn('aws_sns_topic')].map(([arn, topic]) => [arn, stringConfig(topic, 'name')])),
    functions,
    invocations,
    ...(api ? { api } : {}),
  };
}
