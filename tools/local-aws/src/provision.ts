import {
  CreateTableCommand,
  type AttributeDefinition,
  type CreateTableCommandInput,
  type GlobalSecondaryIndex,
  type KeySchemaElement,
  type Projection,
} from '@aws-sdk/client-dynamodb';
import { CreateBucketCommand } from '@aws-sdk/client-s3';
import type { LocalAws } from './local-aws.js';

/**
 * What provisioning reads from a synthesized stack. `SynthesizedStack` (libs/constructs) has this
 * shape; it is declared structurally so this tool (which the handler tests use) does not depend
 * on the infrastructure library.
 */
export interface SynthesizedResources {
  ofType(type: string): ReadonlyArray<{ readonly type: string; readonly id: string; readonly config: Record<string, unknown> }>;
}

/** The physical names created, as the stack names them. */
export interface ProvisionedResources {
  readonly buckets: readonly string[];
  readonly tables: readonly string[];
}

type TerraformIndex = {
  name: string;
  hash_key: string;
  range_key?: string;
  projection_type?: Projection['ProjectionType'];
  non_key_attributes?: string[];
};

/** A literal value of the synthesized config; a Terraform reference cannot be created locally. */
function literal(resource: { type: string; id: string; config: Record<string, unknown> }, field: string): string {
  const value = resource.config[field];
  if (typeof value !== 'string' || value.length === 0 || value.includes('${')) {
    throw new Error(`local-aws: ${resource.type}.${resource.id} has no literal '${field}' (got ${JSON.stringify(value)})`);
  }
  return value;
}

function keySchema(hashKey: string, rangeKey: string | undefined): KeySchemaElement[] {
  return [{ AttributeName: hashKey, KeyType: 'HASH' }, ...(rangeKey ? [{ AttributeName: rangeKey, KeyType: 'RANGE' as const }] : [])];
}

function projection(index: TerraformIndex): Projection {
  return {
    ProjectionType: index.projection_type ?? 'ALL',
    ...(index.non_key_attributes?.length ? { NonKeyAttributes: index.non_key_attributes } : {}),
  };
}

/**
 * The CreateTable request for one synthesized `aws_dynamodb_table`: name, keys, attribute
 * types, GSIs and billing exactly as Terraform would send them (PITR, SSE and tags have no
 * local meaning and are skipped).
 */
export function createTableInput(resource: { type: string; id: string; config: Record<string, unknown> }): CreateTableCommandInput {
  const config = resource.config as {
    billing_mode?: string;
    read_capacity?: number;
    write_capacity?: number;
    hash_key?: string;
    range_key?: string;
    attribute?: Array<{ name: string; type: AttributeDefinition['AttributeType'] }>;
    global_secondary_index?: Array<TerraformIndex & { read_capacity?: number; write_capacity?: number }>;
    local_secondary_index?: TerraformIndex[];
  };
  const hashKey = literal(resource, 'hash_key');
  const provisioned = config.billing_mode === 'PROVISIONED';
  const throughput = (read?: number, write?: number) =>
    provisioned ? { ProvisionedThroughput: { ReadCapacityUnits: read ?? 1, WriteCapacityUnits: write ?? 1 } } : {};
  const gsis: GlobalSecondaryIndex[] = (config.global_secondary_index ?? []).map((index) => ({
    IndexName: index.name,
    KeySchema: keySchema(index.hash_key, index.range_key),
    Projection: projection(index),
    ...throughput(index.read_capacity, index.write_capacity),
  }));
  const lsis = (config.local_secondary_index ?? []).map((index) => ({
    IndexName: index.name,
    KeySchema: keySchema(hashKey, index.range_key),
    Projection: projection(index),
  }));
  return {
    TableName: literal(resource, 'name'),
    BillingMode: provisioned ? 'PROVISIONED' : 'PAY_PER_REQUEST',
    ...throughput(config.read_capacity, config.write_capacity),
    KeySchema: keySchema(hashKey, config.range_key),
    AttributeDefinitions: (config.attribute ?? []).map((attribute) => ({ AttributeName: attribute.name, AttributeType: attribute.type })),
    ...(gsis.length > 0 ? { GlobalSecondaryIndexes: gsis } : {}),
    ...(lsis.length > 0 ? { LocalSecondaryIndexes: lsis } : {}),
  };
}

/**
 * Creates every `aws_s3_bucket` and `aws_dynamodb_table` of the synthesized stack in the
 * emulators, under the names the stack gives them. Not emulated: bucket versioning, encryption,
 * lifecycle and policies (s3rver has none of them), table TTL and streams.
 */
export async function provisionFromStack(aws: LocalAws, stack: SynthesizedResources): Promise<ProvisionedResources> {
  const buckets = stack.ofType('aws_s3_bucket').map((resource) => literal(resource, 'bucket'));
  const tables = stack.ofType('aws_dynamodb_table').map(createTableInput);
  await Promise.all([
    ...buckets.map((bucket) => aws.s3.send(new CreateBucketCommand({ Bucket: bucket }))),
    ...tables.map((input) => aws.dynamodb.send(new CreateTableCommand(input))),
  ]);
  return { buckets, tables: tables.map((input) => input.TableName!) };
}
