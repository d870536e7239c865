import { GetItemCommand, type AttributeValue } from '@aws-sdk/client-dynamodb';
import { GetObjectCommand, ListObjectsV2Command } from '@aws-sdk/client-s3';
import { SynthesizedStack } from '@data-platform/constructs';
import { LocalAws, provisionFromStack } from '@data-platform/local-aws';
import { findPipelineApp, findWorkspaceRoot } from '@data-platform/workspace';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LocalReferenceReplication, synthesizedReplication } from '../src/index.js';

const root = findWorkspaceRoot(import.meta.dirname);
const stackOf = (env: string) => SynthesizedStack.fromSynthDir(findPipelineApp(root, env).synthDir);
const LOWER = ['dev', 'staging'] as const;
/** Each lower environment's own data bucket and reference table, from its own synthesized stack. */
const storesOf = (stack: SynthesizedStack) => ({
  bucket: String(stack.one('aws_s3_bucket', 'ingest-bucket').config['bucket']),
  table: String(stack.one('aws_dynamodb_table', 'reference-table').config['name']),
});

describe("reference-data replication, locally: prod's writes appear in dev and staging through the synthesized rules and workflow", () => {
  const prod = stackOf('prod');
  const replication = synthesizedReplication(prod);
  const lower = Object.fromEntries(LOWER.map((env) => [env, storesOf(stackOf(env))]));
  let aws: LocalAws;
  let local: LocalReferenceReplication;

  beforeAll(async () => {
    aws = await LocalAws.start({ region: replication.region });
    for (const env of ['prod', ...LOWER]) await provisionFromStack(aws, stackOf(env));
    local = new LocalReferenceReplication(aws, replication);
  });

  afterAll(async () => {
    await aws?.stop();
  });

  const objectText = async (bucket: string, key: string) => (await aws.s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }))).Body!.transformToString();
  const keysIn = async (bucket: string) => ((await aws.s3.send(new ListObjectsV2Command({ Bucket: bucket }))).Contents ?? []).map((object) => object.Key);
  const itemIn = async (table: string, key: Record<string, AttributeValue>) => (await aws.dynamodb.send(new GetItemCommand({ TableName: table, Key: key, ConsistentRead: true }))).Item;

  it("reads prod's S3 replication rules and the pipe's source and target from the synthesized JSON, naming the lower environments' own stores", () => {
    expect(replication.objectRules).toEqual(LOWER.map((env) => ({ id: `reference-to-${env}`, prefix: 'reference/', destinationBucket: lower[env]!.bucket })));
    expect(replication.sourceTable).toMatchObject({ name: 'table-prod-reference-main', hashKey: 'dataset', rangeKey: 'key', streamViewType: 'NEW_AND_OLD_IMAGES' });
    expect(replication.itemWorkflow.name).toBe('sfn-prod-reference-items-main');
    expect(JSON.stringify(replication.itemWorkflow.definition)).toContain(lower['dev']!.table);
  });

  it("copies an object put under prod's reference/ to dev's and staging's reference/, byte for byte", async () => {
    const csv = 'code,minor_units\nEUR,2\nJPY,0\nKWD,3\n';
    const result = await local.putObject('reference/currencies.csv', csv);
    expect(result.replicatedTo.map((copy) => copy.bucket)).toEqual(LOWER.map((env) => lower[env]!.bucket));
    for (const env of LOWER) expect(await objectText(lower[env]!.bucket, 'reference/currencies.csv')).toBe(csv);
  });

  it('leaves an object outside reference/ in prod alone', async () => {
    const result = await local.putObject('raw/2026/11/30/batch.csv', 'transaction_id\nT1\n');
    expect(result.replicatedTo).toEqual([]);
    for (const env of LOWER) expect(await keysIn(lower[env]!.bucket)).not.toContain('raw/2026/11/30/batch.csv');
  });

  const eur = { dataset: { S: 'currencies' }, key: { S: 'EUR' } };

  it("writes an item put into prod's reference table into dev's and staging's by running the Express workflow on its stream record", async () => {
    const item = { ...eur, minorUnits: { N: '2' }, name: { S: 'Euro' } };
    const execution = await local.putItem(item);
    expect(execution.status, JSON.stringify(execution.error)).toBe('SUCCEEDED');
    expect(execution.states).toEqual(expect.arrayContaining(['PutIntoDev', 'PutIntoStaging']));
    for (const env of LOWER) expect(await itemIn(lower[env]!.table, eur)).toEqual(item);
  });

  it('replaces the replica when the item changes (MODIFY), retrying a throttled write as the definition says', async () => {
    const before = (await aws.stats()).injected.length;
    // after: 1 lets prod's own write through; the first replica write is throttled.
    await aws.injectFault({ service: 'dynamodb', operation: 'PutItem', after: 1, count: 1 });
    const changed = { ...eur, minorUnits: { N: '2' }, name: { S: 'Euro (EUR)' } };
    const execution = await local.putItem(changed);
    expect(execution.status, JSON.stringify(execution.error)).toBe('SUCCEEDED');
    expect(Object.values(execution.retries).reduce((sum, count) => sum + count, 0)).toBe(1);
    expect((await aws.stats()).injected.slice(before).map((fault) => fault.code)).toEqual(['ThrottlingException']);
    for (const env of LOWER) expect(await itemIn(lower[env]!.table, eur)).toEqual(changed);
  });

  it('deletes the replicas when the item is removed (REMOVE)', async () => {
    const execution = await local.deleteItem(eur);
    expect(execution?.status).toBe('SUCCEEDED');
    expect(execution?.states).toEqual(expect.arrayContaining(['DeleteFromDev', 'DeleteFromStaging']));
    for (const env of LOWER) expect(await itemIn(lower[env]!.table, eur)).toBeUndefined();
    expect(await local.deleteItem(eur)).toBeUndefined();
  });

  it('fails the execution when a destination cannot be written, which is what makes the pipe retry and dead-letter the batch', async () => {
    await aws.injectFault({ service: 'dynamodb', operation: 'PutItem', kind: 'internal', after: 1, count: 20 });
    const execution = await local.putItem({ dataset: { S: 'currencies' }, key: { S: 'JPY' } }).finally(() => aws.clearFaults());
    expect(execution.status).toBe('FAILED');
    expect(execution.error?.Error).toBe('DynamoDB.InternalServerErrorException');
  });
});
