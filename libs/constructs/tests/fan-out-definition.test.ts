import aslValidator from 'asl-validator';
import { describe, expect, it } from 'vitest';
import { pipelineDefinition } from '../src/orchestration/pipeline-definition.js';
import { DEFINITION_PROPS, FAN_OUT } from './fixtures/definition-props.js';

const definition = pipelineDefinition(DEFINITION_PROPS) as { StartAt: string; States: Record<string, Record<string, unknown>> };
const states = definition.States;

/** The states a run walks when every Choice takes the given branch (by its Next), else its Default. */
function walk(choose: Record<string, string>): string[] {
  const path: string[] = [];
  for (let state: string | undefined = definition.StartAt; state; ) {
    path.push(state);
    const current: Record<string, unknown> = states[state]!;
    state = current['Type'] === 'Choice' ? (choose[state] ?? (current['Default'] as string)) : (current['Next'] as string | undefined);
  }
  return path;
}

describe('pipelineDefinition: the fan-out branch (SPEC §3.2 scale)', () => {
  it('is valid Amazon States Language, Distributed Map fields included', () => {
    const { isValid, errorsText } = aslValidator(definition);
    expect(isValid, errorsText('\n')).toBe(true);
  });

  it('sends objects above the threshold through plan → pass one → merge → pass two → assemble, then load, record, notify', () => {
    expect(states['SingleOrFanOut']).toMatchObject({
      Type: 'Choice',
      Choices: [{ Variable: '$.validation.result.size', NumericGreaterThan: 1024 * 1024 * 1024, Next: 'PlanShards' }],
      Default: 'TransformObject',
    });
    expect(walk({ SingleOrFanOut: 'PlanShards', AnyReruns: 'ShardPassTwo' })).toEqual([
      'ValidateObject', 'AlreadyProcessed', 'SingleOrFanOut', 'PlanShards', 'ShardPassOne', 'MergeShards', 'AnyReruns', 'ShardPassTwo', 'AssembleShards',
      'LoadAggregates', 'RecordMetadata', 'Notify', 'Succeeded',
    ]);
    expect(walk({ SingleOrFanOut: 'PlanShards' })).not.toContain('ShardPassTwo');
  });

  it('runs both passes as Distributed Maps reading items from S3 and writing results to S3, width from config', () => {
    for (const [name, itemsKey, pass] of [['ShardPassOne', '$.plan.result.itemsKey', 1], ['ShardPassTwo', '$.merge.result.rerunsKey', 2]] as const) {
      expect(states[name]).toMatchObject({
        Type: 'Map',
        ItemReader: { Resource: 'arn:aws:states:::s3:getObject', ReaderConfig: { InputType: 'JSON' }, Parameters: { 'Bucket.$': '$.plan.result.bucket', 'Key.$': itemsKey } },
        ItemSelector: { 'run.$': '$.validation.result', 'shard.$': '$$.Map.Item.Value.shard', pass },
        ItemProcessor: { ProcessorConfig: { Mode: 'DISTRIBUTED', ExecutionType: 'STANDARD' } },
        MaxConcurrency: 20,
        ToleratedFailurePercentage: 0,
        ResultWriter: { Resource: 'arn:aws:states:::s3:putObject', Parameters: { 'Prefix.$': '$.plan.result.mapResultsPrefix' } },
        // Nothing of the map run's results enters the state.
        ResultPath: null,
      });
      const processor = (states[name]!['ItemProcessor'] as { States: Record<string, Record<string, unknown>> }).States;
      expect(processor[`ProcessShardPass${pass}`]).toMatchObject({ Parameters: { FunctionName: FAN_OUT.shardFunctionArn }, End: true });
    }
  });

  it('gives the planner the shard size and writes the assembly where the transform step writes, so load reads the merged summary', () => {
    expect(states['PlanShards']!['Parameters']).toMatchObject({ Payload: { shardBytes: 256 * 1024 * 1024, 'run.$': '$.validation.result' } });
    expect(states['AssembleShards']).toMatchObject({ ResultPath: '$.transform', Next: 'LoadAggregates' });
    expect(states['LoadAggregates']!['Parameters']).toMatchObject({ Payload: { 'summaryKey.$': '$.transform.result.outputs.summary' } });
  });

  it('sends any failure of the branch (a gzip file too large to split included) down the quarantine path', () => {
    for (const name of ['PlanShards', 'ShardPassOne', 'MergeShards', 'ShardPassTwo', 'AssembleShards']) {
      expect(states[name]!['Catch'], name).toEqual([{ ErrorEquals: ['States.ALL'], ResultPath: '$.error', Next: 'QuarantineObject' }]);
    }
  });
});
