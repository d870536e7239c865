import { DeleteItemCommand, DynamoDBClient, GetItemCommand, PutItemCommand, type AttributeValue } from '@aws-sdk/client-dynamodb';
import { GetObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { dynamodbClientConfig, type LocalAws } from '@data-platform/local-aws';
import { randomUUID } from 'node:crypto';
import { executeStateMachine, type ExecutionResult } from '../state-machine/run-execution.js';
import { localTaskHandlers } from '../state-machine/task-adapters.js';
import type { SynthesizedReplication } from './synthesized-replication.js';

type Item = Record<string, AttributeValue>;

/** A change as DynamoDB Streams records it (the subset of fields AWS documents for a stream record). */
export interface StreamRecord {
  readonly eventID: string;
  readonly eventName: 'INSERT' | 'MODIFY' | 'REMOVE';
  readonly eventVersion: '1.1';
  readonly eventSource: 'aws:dynamodb';
  readonly awsRegion: string;
  readonly eventSourceARN: string;
  readonly dynamodb: { Keys: Item; NewImage?: Item; OldImage?: Item; SequenceNumber: string; SizeBytes: number; StreamViewType: string; ApproximateCreationDateTime: number };
}

/** What replicating one object did: the rules that matched and the destination keys written. */
export interface ObjectReplicationResult {
  readonly replicatedTo: ReadonlyArray<{ readonly rule: string; readonly bucket: string; readonly key: string }>;
}

/**
 * Stands in for what AWS does after a write to prod's reference data, synchronously and in process:
 * S3 replication copies a new object under each rule's prefix to the rule's destination bucket
 * (rules read from the synthesized JSON), and the pipe hands the table's stream record to the
 * synthesized Express workflow, whose DynamoDB tasks run against the emulator. See the README's
 * fidelity limits for what this does not model.
 */
export class LocalReferenceReplication {
  private sequence = 0;

  constructor(
    private readonly aws: LocalAws,
    readonly replication: SynthesizedReplication,
  ) {}

  /** Puts an object into the source bucket and replicates it as the matching rules say. */
  async putObject(key: string, body: string | Uint8Array): Promise<ObjectReplicationResult> {
    const { sourceBucket, objectRules } = this.replication;
    await this.aws.s3.send(new PutObjectCommand({ Bucket: sourceBucket, Key: key, Body: body }));
    const matching = objectRules.filter((rule) => key.startsWith(rule.prefix));
    if (matching.length === 0) return { replicatedTo: [] };
    const source = await this.aws.s3.send(new GetObjectCommand({ Bucket: sourceBucket, Key: key }));
    const bytes = await source.Body!.transformToByteArray();
    for (const rule of matching) {
      await this.aws.s3.send(new PutObjectCommand({ Bucket: rule.destinationBucket, Key: key, Body: bytes, ...(source.ContentType ? { ContentType: source.ContentType } : {}) }));
    }
    return { replicatedTo: matching.map((rule) => ({ rule: rule.id, bucket: rule.destinationBucket, key })) };
  }

  /** Puts an item into the source table and runs the workflow on the INSERT or MODIFY record the stream would carry. */
  async putItem(item: Item): Promise<ExecutionResult> {
    const keys = this.keysOf(item);
    const oldImage = await this.current(keys);
    await this.aws.dynamodb.send(new PutItemCommand({ TableName: this.replication.sourceTable.name, Item: item }));
    const newImage = await this.current(keys);
    return this.deliver(this.record(oldImage ? 'MODIFY' : 'INSERT', keys, newImage, oldImage));
  }

  /** Deletes an item of the source table; a delete of nothing leaves no stream record, as in DynamoDB. */
  async deleteItem(keys: Item): Promise<ExecutionResult | undefined> {
    const oldImage = await this.current(keys);
    await this.aws.dynamodb.send(new DeleteItemCommand({ TableName: this.replication.sourceTable.name, Key: keys }));
    return oldImage ? this.deliver(this.record('REMOVE', keys, undefined, oldImage)) : undefined;
  }

  private keysOf(item: Item): Item {
    const { hashKey, rangeKey, name } = this.replication.sourceTable;
    const keys = Object.fromEntries([hashKey, ...(rangeKey ? [rangeKey] : [])].map((attribute) => [attribute, item[attribute]]));
    const missing = Object.entries(keys).filter(([, value]) => value === undefined).map(([attribute]) => attribute);
    if (missing.length > 0) throw new Error(`an item of ${name} needs its key attribute(s) ${missing.join(', ')}`);
    return keys as Item;
  }

  private async current(keys: Item): Promise<Item | undefined> {
    const { Item } = await this.aws.dynamodb.send(new GetItemCommand({ TableName: this.replication.sourceTable.name, Key: keys, ConsistentRead: true }));
    return Item;
  }

  /** The record as the table's stream view type shapes it (KEYS_ONLY carries no image at all). */
  private record(eventName: StreamRecord['eventName'], keys: Item, newImage: Item | undefined, oldImage: Item | undefined): StreamRecord {
    const { streamViewType, arn } = this.replication.sourceTable;
    const carriesNew = streamViewType === 'NEW_IMAGE' || streamViewType === 'NEW_AND_OLD_IMAGES';
    const carriesOld = streamViewType === 'OLD_IMAGE' || streamViewType === 'NEW_AND_OLD_IMAGES';
    const images = { ...(carriesNew && newImage ? { NewImage: newImage } : {}), ...(carriesOld && oldImage ? { OldImage: oldImage } : {}) };
    return {
      eventID: randomUUID(),
      eventName,
      eventVersion: '1.1',
      eventSource: 'aws:dynamodb',
      awsRegion: this.replication.region,
      eventSourceARN: `${arn}/stream/local`,
      dynamodb: {
        Keys: keys,
        ...images,
        SequenceNumber: String(++this.sequence).padStart(21, '0'),
        SizeBytes: Buffer.byteLength(JSON.stringify({ keys, ...images })),
        StreamViewType: streamViewType,
        ApproximateCreationDateTime: Math.floor(Date.now() / 1000),
      },
    };
  }

  /** The pipe's delivery: a batch (here always of one record) as the workflow's input, run to completion. */
  private async deliver(record: StreamRecord): Promise<ExecutionResult> {
    const { itemWorkflow, region } = this.replication;
    // One request per task attempt: retrying is the workflow's job, as in AWS, not the SDK's.
    const dynamodb = new DynamoDBClient({ ...dynamodbClientConfig(this.aws.endpoints, region), maxAttempts: 1 });
    try {
      return await executeStateMachine({
        definition: itemWorkflow.definition,
        stateMachine: { name: itemWorkflow.name, arn: itemWorkflow.arn, roleArn: itemWorkflow.roleArn },
        input: [record],
        handlers: localTaskHandlers(itemWorkflow.definition, { functions: new Map(), dynamodb, lambdaFaults: [] }),
        retryTimeScale: 0.001,
      });
    } finally {
      dynamodb.destroy();
    }
  }
}
