import { lambdaTask } from './lambda-task.js';

/** The fan-out branch's functions and knobs (the environment's `processing` config, in bytes). */
export interface FanOutDefinitionProps {
  readonly planFunctionArn: string;
  readonly shardFunctionArn: string;
  readonly mergeFunctionArn: string;
  readonly assembleFunctionArn: string;
  /** Objects larger than this take the fan-out branch. */
  readonly aboveBytes: number;
  /** Target bytes per shard, handed to the planner. */
  readonly shardBytes: number;
  /** Shard workers at once (MaxConcurrency of both maps). */
  readonly maxConcurrency: number;
  /** ToleratedFailurePercentage of both maps. */
  readonly toleratedFailurePercentage: number;
}

/** Where the branch sits in the workflow. */
export interface FanOutPlacement {
  /** Path of the validated run in the state. */
  readonly run: string;
  readonly catchFailures: readonly Record<string, unknown>[];
  /** The state after assembly, which reads `$.transform.result` like after the single transform. */
  readonly next: string;
  /** The single-function state small files take. */
  readonly single: string;
}

/** The Choice that opens the branch and the state that closes it. */
export const FAN_OUT_ENTRY = 'SingleOrFanOut';

/**
 * One pass of shard workers as a Distributed Map: items from the S3 JSON the planner (pass one) or
 * the merge (pass two) wrote, results to S3, so neither the ranges nor the shards' results pass
 * through the execution's state (256 KiB limit). Child executions are STANDARD: a shard runs a
 * Lambda for up to its 15-minute limit plus Retry backoff, beyond Express's 5-minute cap, and a
 * Standard child runs an item exactly once (a failed one is retried and redriven alone).
 */
function shardMap(props: FanOutDefinitionProps, placement: FanOutPlacement, pass: 1 | 2, itemsKey: string, next: string) {
  return {
    Type: 'Map',
    Comment: `Pass ${pass} of the shard workers`,
    ItemReader: {
      Resource: 'arn:aws:states:::s3:getObject',
      ReaderConfig: { InputType: 'JSON' },
      Parameters: { 'Bucket.$': '$.plan.result.bucket', 'Key.$': itemsKey },
    },
    ItemSelector: { 'run.$': placement.run, 'shard.$': '$$.Map.Item.Value.shard', pass },
    ItemProcessor: {
      ProcessorConfig: { Mode: 'DISTRIBUTED', ExecutionType: 'STANDARD' },
      StartAt: `ProcessShardPass${pass}`,
      States: {
        [`ProcessShardPass${pass}`]: { ...lambdaTask(props.shardFunctionArn, { 'run.$': '$.run', 'shard.$': '$.shard', 'pass.$': '$.pass' }), End: true },
      },
    },
    MaxConcurrency: props.maxConcurrency,
    ToleratedFailurePercentage: props.toleratedFailurePercentage,
    ResultWriter: {
      Resource: 'arn:aws:states:::s3:putObject',
      Parameters: { 'Bucket.$': '$.plan.result.bucket', 'Prefix.$': '$.plan.result.mapResultsPrefix' },
    },
    ResultPath: null,
    Catch: placement.catchFailures,
    Next: next,
  };
}

/**
 * SPEC §3.2 scale: a file above `aboveBytes` is planned into line-aligned shards, processed by a
 * Distributed Map (pass one), merged (cross-shard duplicates), the shards with earlier duplicates
 * rerun (pass two), and assembled into exactly the single path's outputs; the branch then rejoins
 * the workflow where the transform step would. A gzipped file this large is refused by the planner
 * (gzip_not_splittable) and takes the failure path like any rejected file.
 */
export function fanOutStates(props: FanOutDefinitionProps, placement: FanOutPlacement): Record<string, unknown> {
  const catchFailures = placement.catchFailures;
  const shards = { 'run.$': placement.run, 'shards.$': '$.plan.result.shards' };
  return {
    [FAN_OUT_ENTRY]: {
      Type: 'Choice',
      Choices: [{ Variable: `${placement.run}.size`, NumericGreaterThan: props.aboveBytes, Next: 'PlanShards' }],
      Default: placement.single,
    },
    PlanShards: {
      ...lambdaTask(props.planFunctionArn, { 'run.$': placement.run, shardBytes: props.shardBytes }),
      ResultPath: '$.plan',
      Catch: catchFailures,
      Next: 'ShardPassOne',
    },
    ShardPassOne: shardMap(props, placement, 1, '$.plan.result.itemsKey', 'MergeShards'),
    MergeShards: {
      ...lambdaTask(props.mergeFunctionArn, shards),
      ResultPath: '$.merge',
      Catch: catchFailures,
      Next: 'AnyReruns',
    },
    AnyReruns: {
      Type: 'Choice',
      Choices: [{ Variable: '$.merge.result.reruns', NumericGreaterThan: 0, Next: 'ShardPassTwo' }],
      Default: 'AssembleShards',
    },
    ShardPassTwo: shardMap(props, placement, 2, '$.merge.result.rerunsKey', 'AssembleShards'),
    AssembleShards: {
      ...lambdaTask(props.assembleFunctionArn, shards),
      ResultPath: '$.transform',
      Catch: catchFailures,
      Next: placement.next,
    },
  };
}
