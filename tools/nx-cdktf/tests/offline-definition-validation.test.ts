import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startOfflineDefinitionValidation, validationResponse } from '../src/offline-definition-validation.mjs';

const VALID = { StartAt: 'Done', States: { Done: { Type: 'Succeed' } } };
const MISSING_TARGET = { StartAt: 'Nowhere', States: { Done: { Type: 'Succeed' } } };
const request = (definition: unknown) => JSON.stringify({ definition: JSON.stringify(definition), type: 'EXPRESS' });

describe('offline definition validation (the Step Functions call an offline plan answers on loopback)', () => {
  it('answers OK for a valid definition and FAIL with the validator\'s diagnostics for an invalid one', () => {
    expect(validationResponse(request(VALID))).toEqual({ result: 'OK', diagnostics: [] });
    const failed = validationResponse(request(MISSING_TARGET));
    expect(failed.result).toBe('FAIL');
    expect(failed.diagnostics.map((d) => d.code)).toContain('MISSING_TRANSITION_TARGET');
    expect(validationResponse(JSON.stringify({ definition: '{ not json' })).diagnostics[0]!.code).toBe('INVALID_JSON_DESCRIPTION');
  });

  describe('the server', () => {
    let server: Awaited<ReturnType<typeof startOfflineDefinitionValidation>>;
    beforeAll(async () => {
      server = await startOfflineDefinitionValidation();
    });
    afterAll(async () => server?.close());

    const call = (target: string, body: string) =>
      fetch(server.endpoint, { method: 'POST', headers: { 'x-amz-target': target, 'content-type': 'application/x-amz-json-1.0' }, body });

    it('listens on loopback and answers ValidateStateMachineDefinition as the AWS JSON protocol does', async () => {
      expect(server.endpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      const response = await call('AWSStepFunctions.ValidateStateMachineDefinition', request(MISSING_TARGET));
      expect(response.status).toBe(200);
      expect(((await response.json()) as { result: string }).result).toBe('FAIL');
    });

    it('refuses any other Step Functions call, so nothing is silently faked', async () => {
      const response = await call('AWSStepFunctions.CreateStateMachine', request(VALID));
      expect(response.status).toBe(400);
      expect(await response.json()).toMatchObject({ __type: 'UnknownOperationException' });
    });
  });
});
