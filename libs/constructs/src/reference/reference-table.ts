import { DynamodbTable } from '@cdktf/provider-aws/lib/dynamodb-table';
import { Construct } from 'constructs';
import { storeLifecycle } from '../protection/store-protection.js';

/** Reference items (currency tables, merchant lists): one data set per partition, one entry per sort key. */
export const REFERENCE_TABLE_SCHEMA = { partitionKey: 'dataset', sortKey: 'key' } as const;

/** What the stream carries: both images, so a replica can be written from NEW and a removal keyed from OLD. */
export const REFERENCE_STREAM_VIEW = 'NEW_AND_OLD_IMAGES';

export interface ReferenceTableProps {
  readonly tableName: string;
  readonly kmsKeyArn: string;
  /** Data protection (prod): deletion protection and `prevent_destroy`. */
  readonly protection: boolean;
  /** A stream of every change, for the environment that replicates its items down (prod). */
  readonly streamed: boolean;
}

/**
 * The reference table every environment has (SPEC §3.11): on-demand (configuration data, rare
 * writes), point-in-time recovery always on (reference data is written by hand and must survive a
 * bad edit), SSE with the environment key. Only the replicating environment streams its changes.
 */
export class ReferenceTable extends Construct {
  readonly table: DynamodbTable;

  constructor(scope: Construct, id: string, props: ReferenceTableProps) {
    super(scope, id);
    const { partitionKey, sortKey } = REFERENCE_TABLE_SCHEMA;
    this.table = new DynamodbTable(this, 'table', {
      name: props.tableName,
      billingMode: 'PAY_PER_REQUEST',
      hashKey: partitionKey,
      rangeKey: sortKey,
      attribute: [
        { name: partitionKey, type: 'S' },
        { name: sortKey, type: 'S' },
      ],
      pointInTimeRecovery: { enabled: true },
      serverSideEncryption: { enabled: true, kmsKeyArn: props.kmsKeyArn },
      ...(props.streamed ? { streamEnabled: true, streamViewType: REFERENCE_STREAM_VIEW } : {}),
      deletionProtectionEnabled: props.protection,
      lifecycle: storeLifecycle(props.protection),
    });
  }
}
