import type { EphemeralStorageConfig } from '@data-platform/config';
import { Construct } from 'constructs';
import type { PolicyStatement } from '../iam/policy-document.js';
import { PipelineFunction, type PipelineFunctionProps } from './pipeline-function.js';

/** Handler bundles of the fan-out path, by role. */
export interface FanOutZips {
  readonly plan: string;
  readonly shard: string;
  readonly merge: string;
  readonly assemble: string;
}

export interface FanOutFunctionsProps {
  /** What every pipeline function shares (naming, network, layer, environment, timeout, memory). */
  readonly common: Omit<PipelineFunctionProps, 'name' | 'description' | 'zipPath' | 'permissions' | 'ephemeralStorageMb'>;
  readonly zips: FanOutZips;
  readonly ephemeralStorageMb: Pick<EphemeralStorageConfig, 'plan' | 'shard' | 'merge' | 'assemble'>;
  /** Timeout of the merge and the assembly, which each handle the whole file (lambda.fanOutStepTimeoutSeconds). */
  readonly wholeFileTimeoutSeconds: number;
  /** Ranged reads of the landed object (raw/). */
  readonly readSource: PolicyStatement;
  /** The bucket key through S3, for the given actions. */
  readonly objectKey: (actions: string[]) => PolicyStatement;
  /** ARN pattern of the fan-out work objects (`…/processed/*\/shards/*`). */
  readonly shardObjectsArn: string;
  /** ARN patterns of the run's final outputs (processed/ and quarantine/). */
  readonly outputObjectArns: readonly string[];
  readonly tableArn: string;
  readonly tableKey: PolicyStatement;
}

/**
 * The four functions of the fan-out path (SPEC §3.2 scale), each with its own least-privilege role:
 * the planner and the shard workers read the landed object and write only fan-out work objects;
 * the merge reads and writes only those; the assembly alone writes the run's outputs and its item.
 */
export class FanOutFunctions extends Construct {
  readonly plan: PipelineFunction;
  readonly shard: PipelineFunction;
  readonly merge: PipelineFunction;
  readonly assemble: PipelineFunction;

  constructor(scope: Construct, id: string, props: FanOutFunctionsProps) {
    super(scope, id);
    const { common, zips, ephemeralStorageMb: storage, shardObjectsArn } = props;
    const readWork: PolicyStatement = { sid: 'ReadShardObjects', actions: ['s3:GetObject'], resources: [shardObjectsArn] };
    const writeWork: PolicyStatement = { sid: 'WriteShardObjects', actions: ['s3:AbortMultipartUpload', 's3:PutObject'], resources: [shardObjectsArn] };
    const readWriteKey = props.objectKey(['kms:Decrypt', 'kms:GenerateDataKey']);
    this.plan = new PipelineFunction(this, 'plan', {
      ...common,
      name: 'fan-out-plan',
      description: 'Cuts a large object into line-aligned byte ranges (ranged GETs) for the Distributed Map',
      zipPath: zips.plan,
      ephemeralStorageMb: storage.plan,
      permissions: [props.readSource, readWriteKey, writeWork],
    });
    this.shard = new PipelineFunction(this, 'shard', {
      ...common,
      name: 'fan-out-shard',
      description: 'Processes one shard of a large object (pass one or two) into its part objects',
      zipPath: zips.shard,
      ephemeralStorageMb: storage.shard,
      permissions: [props.readSource, readWriteKey, readWork, writeWork],
    });
    this.merge = new PipelineFunction(this, 'merge', {
      ...common,
      name: 'fan-out-merge',
      description: "Merges the shards' id runs: cross-shard duplicates and the shards pass two reruns",
      zipPath: zips.merge,
      ephemeralStorageMb: storage.merge,
      timeoutSeconds: props.wholeFileTimeoutSeconds,
      permissions: [readWriteKey, readWork, writeWork],
    });
    this.assemble = new PipelineFunction(this, 'assemble', {
      ...common,
      name: 'fan-out-assemble',
      description: "Joins the shards' parts into the run's records (multipart upload copy), quarantine report and summary",
      zipPath: zips.assemble,
      ephemeralStorageMb: storage.assemble,
      timeoutSeconds: props.wholeFileTimeoutSeconds,
      permissions: [
        props.readSource,
        readWriteKey,
        readWork,
        props.tableKey,
        {
          sid: 'WriteOutputs',
          // UploadPartCopy is authorized as GetObject on the source part and PutObject on the target.
          actions: ['s3:AbortMultipartUpload', 's3:PutObject'],
          resources: [...props.outputObjectArns],
        },
        { sid: 'UpdateRun', actions: ['dynamodb:UpdateItem'], resources: [props.tableArn] },
      ],
    });
  }
}
