import { findEnvironmentApp, findWorkspaceRoot } from '@data-platform/workspace';
import { SynthesizedStack } from '@data-platform/constructs';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { executeStateMachine, matchesEventPattern, objectCreatedEvent, synthesizedPipeline } from '../src/index.js';
import { RetryPacing } from '../src/state-machine/retry-pacing.js';

describe('synthesizedPipeline', () => {
  const app = findEnvironmentApp(findWorkspaceRoot(import.meta.dirname), 'dev');
  const pipeline = synthesizedPipeline(SynthesizedStack.fromSynthDir(app.synthDir), 'DataPipeline-Dev-Stack');

  it('resolves every Terraform reference in the state machine definition', () => {
    const definition = JSON.stringify(pipeline.stateMachine.definition);
    expect(definition).not.toContain('${');
    expect(definition).toContain(`"FunctionName":"${pipeline.functions.find((fn) => fn.name.includes('validate'))!.arn}"`);
    expect(definition).toContain(`"TableName":"${pipeline.table.name}"`);
  });

  it('takes names, keys and function settings from the synthesized resources', () => {
    expect(pipeline.bucket).toBe('myapp-dev-data-main');
    expect(pipeline.table).toEqual({ name: 'table-dev-pipeline-metadata-main', hashKey: 'id', rangeKey: 'timestamp' });
    expect([...pipeline.topics.values()].sort()).toEqual(['sns-dev-alerts-main', 'sns-dev-pipeline-events-main']);
    const declared = SynthesizedStack.fromSynthDir(app.synthDir).ofType('aws_lambda_function');
    expect(pipeline.functions).toHaveLength(declared.length);
    for (const fn of pipeline.functions) {
      // The status API has its own memory and timeout (lambda.apiMemoryMb); the pipeline's follow lambda.processing*,
      // but for the fan-out's two whole-file steps (lambda.fanOutStepTimeoutSeconds).
      const api = fn.name === pipeline.api?.functionName;
      const wholeFile = /-fan-out-(merge|assemble)-/.test(fn.name);
      expect(fn).toMatchObject({ handler: 'index.handler', memoryMb: api ? 256 : 512, timeoutSeconds: api ? 10 : wholeFile ? 900 : 300 });
      expect(fn.environment['TABLE_NAME']).toBe(pipeline.table.name);
      expect(existsSync(fn.codeZip) && fn.layerZips.every((zip) => existsSync(zip))).toBe(true);
    }
  });

  it('matches the synthesized trigger rule against S3 events under raw/ of the bucket only', () => {
    const at = { region: 'us-east-1', account: '000000000000' };
    const event = (bucket: string, key: string) => objectCreatedEvent({ bucket, key, size: 1, etag: 'e', versionId: 'null' }, at);
    expect(matchesEventPattern(pipeline.trigger.pattern, event(pipeline.bucket, 'raw/a.csv'))).toBe(true);
    expect(matchesEventPattern(pipeline.trigger.pattern, event(pipeline.bucket, 'processed/a.csv'))).toBe(false);
    expect(matchesEventPattern(pipeline.trigger.pattern, event('another-bucket', 'raw/a.csv'))).toBe(false);
  });
});

describe('executeStateMachine', () => {
  const machine = { name: 'test', arn: 'arn:aws:states:us-east-1:000000000000:stateMachine:test', roleArn: 'arn:aws:iam::000000000000:role/test' };

  it('escapes JSON in States.JsonToString of Task parameters as Step Functions does', async () => {
    const published: unknown[] = [];
    const result = await executeStateMachine({
      definition: {
        StartAt: 'Publish',
        States: { Publish: { Type: 'Task', Resource: 'arn:aws:states:::sns:publish', Parameters: { 'Message.$': 'States.JsonToString($)' }, End: true } },
      },
      stateMachine: machine,
      input: { cause: '{"errorType":"PermanentError"}', path: 'C:\\temp' },
      handlers: { Publish: async (input) => published.push(input) },
      retryTimeScale: 0,
    });
    expect(result.status).toBe('SUCCEEDED');
    expect(JSON.parse((published[0] as { Message: string }).Message)).toEqual({ cause: '{"errorType":"PermanentError"}', path: 'C:\\temp' });
  });

  it('passes the execution id and the state entered time in the Context Object', async () => {
    const result = await executeStateMachine({
      definition: { StartAt: 'Read', States: { Read: { Type: 'Pass', Parameters: { 'id.$': '$$.Execution.Id', 'entered.$': '$$.State.EnteredTime' }, End: true } } },
      stateMachine: machine,
      input: {},
      handlers: {},
      retryTimeScale: 0,
    });
    expect(result.output).toEqual({ id: `arn:aws:states:us-east-1:000000000000:execution:test:${result.name}`, entered: expect.stringMatching(/^\d{4}-\d\d-\d\dT.*Z$/) });
  });
});

describe('RetryPacing', () => {
  const retrier = { ErrorEquals: ['TransientError'], IntervalSeconds: 2, BackoffRate: 2, MaxDelaySeconds: 5, MaxAttempts: 5 };

  it('waits IntervalSeconds × BackoffRate^(attempt-1), capped at MaxDelaySeconds, scaled', async () => {
    const pacing = new RetryPacing(new Map([['Task', [retrier]]]), 0.01);
    const failing = pacing.track('Task', async () => {
      throw new Error('transient');
    });
    const waits: number[] = [];
    for (let attempt = 0; attempt < 4; attempt++) {
      await failing(undefined).catch(() => undefined);
      waits.push(pacing.overrides()['Task']![0]!);
    }
    expect(waits).toEqual([20, 40, 50, 50]);
  });

  it('draws FULL jitter from [0, backoff]', async () => {
    const pacing = new RetryPacing(new Map([['Task', [{ ...retrier, JitterStrategy: 'FULL' as const }]]]), 1);
    await pacing.track('Task', async () => Promise.reject(new Error('x')))(undefined).catch(() => undefined);
    const waits = Array.from({ length: 50 }, () => pacing.overrides()['Task']![0]!);
    expect(Math.min(...waits)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...waits)).toBeLessThanOrEqual(2000);
    expect(new Set(waits).size).toBeGreaterThan(1);
  });
});

it('finds the apps of the workspace by their cdktf.json', () => {
  const root = findWorkspaceRoot(import.meta.dirname);
  expect(findEnvironmentApp(root, 'prod')).toMatchObject({ project: 'infra-prod', synthDir: join(root, 'dist', 'cdktf', 'infra-prod') });
});
