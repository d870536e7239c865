import { DynamodbTable } from '@cdktf/provider-aws/lib/dynamodb-table';
import type { TableConfig } from '@data-platform/config';
import { Construct } from 'constructs';
import { storeLifecycle } from '../protection/store-protection.js';

/** The run-metadata schema, defined once for every environment (seed 002's keys). */
export const METADATA_TABLE_SCHEMA = {
  partitionKey: 'id',
  sortKey: 'timestamp',
  runsIndex: { name: 'runs-by-status', partitionKey: 'status', sortKey: 'timestamp' },
} as const;

export interface MetadataTableProps {
  readonly tableName: string;
  readonly kmsKeyArn: string;
  readonly config: TableConfig;
  /** Data protection (prod): deletion protection and `prevent_destroy`. */
  readonly protection: boolean;
}

/**
 * Pipeline run metadata: `id` (S) + `timestamp` (N) keys, a GSI listing runs by status and time,
 * billing per environment, point-in-time recovery and SSE with the environment key.
 */
export class MetadataTable extends Construct {
  readonly table: DynamodbTable;

  constructor(scope: Construct, id: string, props: MetadataTableProps) {
    super(scope, id);
    const { billing } = props.config;
    const capacity = billing.mode === 'provisioned' ? { readCapacity: billing.readCapacity, writeCapacity: billing.writeCapacity } : {};
    const { partitionKey, sortKey, runsIndex } = METADATA_TABLE_SCHEMA;
    this.table = new DynamodbTable(this, 'table', {
      name: props.tableName,
      billingMode: billing.mode === 'provisioned' ? 'PROVISIONED' : 'PAY_PER_REQUEST',
      ...capacity,
      hashKey: partitionKey,
      rangeKey: sortKey,
      attribute: [
        { name: partitionKey, type: 'S' },
        { name: sortKey, type: 'N' },
        { name: runsIndex.partitionKey, type: 'S' },
      ],
      globalSecondaryIndex: [
        {
          name: runsIndex.name,
          hashKey: runsIndex.partitionKey,
          rangeKey: runsIndex.sortKey,
          projectionType: 'ALL',
          ...capacity,
        },
      ],
      pointInTimeRecovery: { enabled: props.config.pointInTimeRecovery },
      serverSideEncryption: { enabled: true, kmsKeyArn: props.kmsKeyArn },
      deletionProtectionEnabled: props.protection,
      lifecycle: storeLifecycle(props.protection),
    });
  }
}
