import aslValidator from 'asl-validator';
import { describe, expect, it } from 'vitest';
import { pipelineDefinition } from '../src/orchestration/pipeline-definition.js';
import { DEFINITION_PROPS } from './fixtures/definition-props.js';

const definition = pipelineDefinition(DEFINITION_PROPS) as { StartAt: string; States: Record<string, Record<string, unknown>> };

describe('pipelineDefinition', () => {
  it('is valid Amazon States Language', () => {
    const { isValid, errorsText } = aslValidator(definition);
    expect(isValid, errorsText('\n')).toBe(true);
  });

  it('runs validate → transform → load → record metadata → notify', () => {
    const path: string[] = [];
    let state: string | undefined = definition.StartAt;
    while (state) {
      path.push(state);
      const current: Record<string, unknown> = definition.States[state]!;
      state = current['Type'] === 'Choice' ? (current['Default'] as string) : (current['Next'] as string | undefined);
    }
    expect(path).toEqual(['ValidateObject', 'AlreadyProcessed', 'SingleOrFanOut', 'TransformObject', 'LoadAggregates', 'RecordMetadata', 'Notify', 'Succeeded']);
  });

  it('retries transient errors with exponential backoff and full jitter on every task', () => {
    const tasks = Object.entries(definition.States).filter(([, s]) => s['Type'] === 'Task');
    expect(tasks.length).toBeGreaterThanOrEqual(6);
    for (const [, task] of tasks) {
      const [retry] = task['Retry'] as Array<Record<string, unknown>>;
      expect(retry).toMatchObject({ BackoffRate: 2, JitterStrategy: 'FULL', MaxAttempts: 5 });
      expect(retry!['ErrorEquals']).not.toContain('States.ALL');
    }
  });

  it('sends failures of validate and transform to quarantine → record failure → alert → fail', () => {
    for (const name of ['ValidateObject', 'TransformObject']) {
      expect(definition.States[name]!['Catch']).toEqual([{ ErrorEquals: ['States.ALL'], ResultPath: '$.error', Next: 'QuarantineObject' }]);
    }
    expect(definition.States['QuarantineObject']!['Next']).toBe('RecordFailure');
    expect(definition.States['RecordFailure']!['Next']).toBe('AlertFailure');
    expect(definition.States['AlertFailure']!['Next']).toBe('RunFailed');
    expect(definition.States['RunFailed']!['Type']).toBe('Fail');
  });

  it('alerts with the readable sentence of the quarantine step and its facts as message attributes', () => {
    expect(definition.States['QuarantineObject']!['Parameters']).toMatchObject({ Payload: { environment: 'staging', 'error.$': '$.error' } });
    expect(definition.States['AlertFailure']!['Parameters']).toEqual({
      TopicArn: 'arn:aws:sns:eu-west-1:123456789012:alerts',
      'Subject.$': '$.quarantine.result.alert.subject',
      'Message.$': '$.quarantine.result.alert.message',
      MessageAttributes: Object.fromEntries(
        ['environment', 'reason', 'runId', 'object', 'quarantineKey'].map((name) => [name, { DataType: 'String', 'StringValue.$': `$.quarantine.result.alert.${name}` }]),
      ),
    });
  });

  it('keeps both the reason and the message on the failed run item', () => {
    const parameters = definition.States['RecordFailure']!['Parameters'] as { UpdateExpression: string; ExpressionAttributeValues: Record<string, unknown> };
    expect(parameters.UpdateExpression).toContain('failureReason = :reason, failureMessage = :message');
    expect(parameters.ExpressionAttributeValues).toMatchObject({ ':reason': { 'S.$': '$.quarantine.result.reason' }, ':message': { 'S.$': '$.quarantine.result.message' } });
  });

  it('still alerts, in words, when the failure path itself fails', () => {
    expect(definition.States['QuarantineObject']!['Catch']).toEqual([{ ErrorEquals: ['States.ALL'], ResultPath: '$.quarantineError', Next: 'AlertUnquarantined' }]);
    const alert = definition.States['AlertUnquarantined']!;
    expect(alert['Next']).toBe('RunFailed');
    expect((alert['Parameters'] as Record<string, string>)['Message.$']).toMatch(/^States\.Format\('Pipeline run failed in staging: s3:\/\/\{\}\/\{\} failed with \{\}/);
  });

  it('skips a replay of an already processed object version', () => {
    expect(definition.States['AlreadyProcessed']!['Choices']).toEqual([
      { Variable: '$.validation.result.alreadyProcessed', BooleanEquals: true, Next: 'SkipReplay' },
    ]);
  });

  it('records metadata and publishes with service integrations, not Lambdas', () => {
    expect(definition.States['RecordMetadata']!['Resource']).toBe('arn:aws:states:::dynamodb:updateItem');
    expect(definition.States['Notify']!['Resource']).toBe('arn:aws:states:::sns:publish');
    expect(definition.States['AlertFailure']!['Resource']).toBe('arn:aws:states:::sns:publish');
  });
});
