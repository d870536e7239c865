import { describe, expect, it } from 'vitest';
import { synthesize, testConfig, TEST_CONFIG } from './fixtures/environment.js';

const policyOf = (text: unknown) => JSON.parse(String(text)) as { Statement: Array<Record<string, unknown>> };
const MB = 1024 * 1024;

describe('the fan-out path in the environment stack (SPEC §3.2 scale)', () => {
  const stack = synthesize(
    testConfig({
      lambda: { ...TEST_CONFIG.lambda!, ephemeralStorageMb: { transform: 2048, shard: 4096 } },
      processing: { fanOutAboveMb: 300, shardMb: 64, maxConcurrency: 7, toleratedFailurePercentage: 0 },
    }),
  );
  const functionNamed = (name: string) => stack.ofType('aws_lambda_function').find((fn) => fn.config['function_name'] === `lambda-test-${name}-ci1`)!;
  const policyOfRole = (role: string) =>
    policyOf(stack.ofType('aws_iam_role_policy').find((policy) => policy.config['name'] === `policy-test-${role}-ci1`)!.config['policy']).Statement;

  it('sizes /tmp per function from lambda.ephemeralStorageMb, 512 MB where the config names none', () => {
    expect(functionNamed('transform').config['ephemeral_storage']).toEqual({ size: 2048 });
    expect(functionNamed('fan-out-shard').config['ephemeral_storage']).toEqual({ size: 4096 });
    expect(functionNamed('fan-out-merge').config['ephemeral_storage']).toEqual({ size: 512 });
    expect(functionNamed('validate').config['ephemeral_storage']).toEqual({ size: 512 });
  });

  it('gives the two whole-file steps (merge, assembly) their own timeout, Lambda\'s maximum unless configured, and shards the processing one', () => {
    const timeouts = (lambda: Record<string, unknown>) => {
      const synthesized = synthesize(testConfig({ lambda: { ...TEST_CONFIG.lambda!, ...lambda } }));
      const named = (name: string) => synthesized.ofType('aws_lambda_function').find((fn) => fn.config['function_name'] === `lambda-test-${name}-ci1`)!.config['timeout'];
      return ['fan-out-merge', 'fan-out-assemble', 'fan-out-shard', 'fan-out-plan', 'transform'].map(named);
    };
    expect(timeouts({ processingTimeoutSeconds: 120 })).toEqual([900, 900, 120, 120, 120]);
    expect(timeouts({ processingTimeoutSeconds: 120, fanOutStepTimeoutSeconds: 600 })).toEqual([600, 600, 120, 120, 120]);
  });

  it('puts the threshold, shard size and map width of processing into the definition', () => {
    const definition = JSON.parse(String(stack.one('aws_sfn_state_machine').config['definition'])) as { States: Record<string, Record<string, unknown>> };
    expect(definition.States['SingleOrFanOut']!['Choices']).toEqual([expect.objectContaining({ NumericGreaterThan: 300 * MB })]);
    expect(definition.States['PlanShards']!['Parameters']).toMatchObject({ Payload: { shardBytes: 64 * MB } });
    expect(definition.States['ShardPassOne']).toMatchObject({ MaxConcurrency: 7, ToleratedFailurePercentage: 0 });
  });

  it('lets the state machine start only its own child executions and touch only the fan-out work objects', () => {
    const statements = policyOfRole('sfn-pipeline');
    const sid = (name: string) => statements.find((statement) => statement['Sid'] === name)!;
    expect(sid('StartMapRuns')).toMatchObject({ Action: ['states:StartExecution'], Resource: expect.stringMatching(/:stateMachine:sfn-test-pipeline-ci1$/) });
    expect(sid('ManageMapRuns')).toMatchObject({ Resource: expect.stringMatching(/:execution:sfn-test-pipeline-ci1\/\*$/) });
    for (const name of ['ReadMapItems', 'WriteMapResults']) expect(sid(name)['Resource']).toMatch(/\.arn\}\/processed\/\*\/shards\/\*$/);
  });

  it('lets the shard workers read the landed object and write only fan-out work objects', () => {
    const statements = policyOfRole('lambda-fan-out-shard');
    const writes = statements.filter((statement) => [statement['Action']].flat().includes('s3:PutObject'));
    expect(writes).toEqual([expect.objectContaining({ Resource: expect.stringMatching(/\/processed\/\*\/shards\/\*$/) })]);
    expect(statements.find((statement) => statement['Sid'] === 'ReadRaw')!['Resource']).toMatch(/\/raw\/\*$/);
  });
});
