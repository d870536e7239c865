import { describe, expect, it } from 'vitest';
import { forcingFanOut, ITEM_READER_RESOURCE, withLocalDistributedMaps } from '../src/state-machine/distributed-map-adapter.js';
import type { AslMachine } from '../src/state-machine/definition-walker.js';

const catchAll = [{ ErrorEquals: ['States.ALL'], ResultPath: '$.error', Next: 'Failed' }];
const machine: AslMachine = {
  StartAt: 'Size',
  States: {
    Size: { Type: 'Choice', Choices: [{ Variable: '$.size', NumericGreaterThan: 1000, Next: 'Plan' }], Default: 'Single' },
    Single: { Type: 'Pass', Next: 'Done' },
    Plan: { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', Parameters: { FunctionName: 'plan', Payload: { shardBytes: 500, 'run.$': '$' } }, Next: 'Shards' },
    Shards: {
      Type: 'Map',
      ItemReader: { Resource: 'arn:aws:states:::s3:getObject', ReaderConfig: { InputType: 'JSON' }, Parameters: { 'Bucket.$': '$.bucket', 'Key.$': '$.items' } },
      ItemSelector: { 'shard.$': '$$.Map.Item.Value.shard' },
      ItemProcessor: { ProcessorConfig: { Mode: 'DISTRIBUTED', ExecutionType: 'STANDARD' }, StartAt: 'Work', States: { Work: { Type: 'Pass', End: true } } },
      MaxConcurrency: 3,
      ToleratedFailurePercentage: 0,
      ResultWriter: { Resource: 'arn:aws:states:::s3:putObject', Parameters: { Bucket: 'b', Prefix: 'p' } },
      ResultPath: null,
      Catch: catchAll,
      Next: 'Done',
    },
    Done: { Type: 'Succeed' },
    Failed: { Type: 'Fail' },
  },
};

describe('withLocalDistributedMaps (what aws-local-stepfunctions lacks)', () => {
  const local = withLocalDistributedMaps(machine);
  const states = local.States!;

  it('reads the items with an S3 getObject task that the map follows, keeping the Catch', () => {
    expect(states['Plan']!['Next']).toBe('ShardsReadItems');
    expect(states['ShardsReadItems']).toEqual({
      Type: 'Task',
      Resource: ITEM_READER_RESOURCE,
      Parameters: { 'Bucket.$': '$.bucket', 'Key.$': '$.items' },
      ResultPath: '$.localDistributedMapItems.Shards',
      Catch: catchAll,
      Next: 'Shards',
    });
  });

  it('runs the map inline over those items with its selector, concurrency, processor and result path', () => {
    expect(states['Shards']).toEqual({
      Type: 'Map',
      ItemsPath: '$.localDistributedMapItems.Shards',
      ItemSelector: { 'shard.$': '$$.Map.Item.Value.shard' },
      ItemProcessor: { StartAt: 'Work', States: { Work: { Type: 'Pass', End: true } } },
      MaxConcurrency: 3,
      ResultPath: null,
      Catch: catchAll,
      Next: 'Done',
    });
  });

  it('leaves a definition without Distributed Maps as it is, and refuses item sources it does not emulate', () => {
    const plain: AslMachine = { StartAt: 'A', States: { A: { Type: 'Succeed' } } };
    expect(withLocalDistributedMaps(plain)).toBe(plain);
    const csv = structuredClone(machine);
    (csv.States!['Shards']!['ItemReader'] as { ReaderConfig: { InputType: string } }).ReaderConfig.InputType = 'CSV';
    expect(() => withLocalDistributedMaps(csv)).toThrow(/Shards reads items as CSV; only JSON arrays are emulated/);
  });
});

describe('forcingFanOut (--shard-bytes)', () => {
  it('sends every non-empty file to the planner and hands it the shard size', () => {
    const forced = forcingFanOut(machine, 64).States!;
    expect(forced['Size']!['Choices']).toEqual([{ Variable: '$.size', NumericGreaterThan: 0, Next: 'Plan' }]);
    expect(forced['Plan']!['Parameters']).toEqual({ FunctionName: 'plan', Payload: { shardBytes: 64, 'run.$': '$' } });
    expect(machine.States!['Plan']!['Parameters']).toMatchObject({ Payload: { shardBytes: 500 } });
  });

  it('says so when the definition has no fan-out branch to force', () => {
    expect(() => forcingFanOut({ StartAt: 'A', States: { A: { Type: 'Succeed' } } }, 64)).toThrow(/--shard-bytes needs a definition with a fan-out branch/);
  });
});
