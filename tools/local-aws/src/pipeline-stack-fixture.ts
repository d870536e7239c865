import type { SynthesizedResources } from './provision.js';

export interface PipelineStackFixtureOptions {
  readonly bucket: string;
  readonly table: string;
  /** The table's settings beyond its keys and index, as cdk.tf.json writes them (e.g. provisioned billing, encryption). */
  readonly tableConfig?: Readonly<Record<string, unknown>>;
  /** The runs-by-status index's settings beyond its keys (e.g. provisioned capacity). */
  readonly indexConfig?: Readonly<Record<string, unknown>>;
}

/**
 * The pipeline's data bucket and metadata table as `DataPipeline` synthesizes them into cdk.tf.json,
 * trimmed to what provisionFromStack reads: id (S) + timestamp (N) keys and the runs-by-status
 * index (MetadataTable). Suites that need provisioned emulators but no synth build their stack here,
 * so the table they test against cannot drift from one suite to the next.
 */
export function pipelineStackFixture(options: PipelineStackFixtureOptions): SynthesizedResources {
  const resources = [
    { type: 'aws_s3_bucket', id: 'ingest_bucket', config: { bucket: options.bucket } },
    {
      type: 'aws_dynamodb_table',
      id: 'metadata_table',
      config: {
        name: options.table,
        billing_mode: 'PAY_PER_REQUEST',
        hash_key: 'id',
        range_key: 'timestamp',
        attribute: [
          { name: 'id', type: 'S' },
          { name: 'timestamp', type: 'N' },
          { name: 'status', type: 'S' },
        ],
        global_secondary_index: [{ name: 'runs-by-status', hash_key: 'status', range_key: 'timestamp', projection_type: 'ALL', ...options.indexConfig }],
        ...options.tableConfig,
      },
    },
  ];
  return { ofType: (type) => resources.filter((resource) => resource.type === type) };
}
