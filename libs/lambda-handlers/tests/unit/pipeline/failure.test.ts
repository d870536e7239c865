import { describe, expect, it } from 'vitest';
import { MissingColumnError } from '../../../src/processing/errors.js';
import { asWorkflowError, failureFromWorkflowError, PERMANENT_ERROR_NAME, TransientError } from '../../../src/runtime/failure.js';
import { MissingEnvironmentError, requireEnv } from '../../../src/runtime/env.js';

describe('workflow errors', () => {
  it('reports every permanent error under the one name the state machine catches, reason in the message', () => {
    const error = asWorkflowError(new MissingColumnError(['amount', 'status'])) as Error;
    expect(error.name).toBe(PERMANENT_ERROR_NAME);
    expect(JSON.parse(error.message)).toEqual({ reason: 'missing_column', message: 'CSV header is missing required column(s): amount, status' });
  });

  it('leaves transient errors alone so Retry sees their own name', () => {
    const transient = new TransientError('slow down');
    expect(asWorkflowError(transient)).toBe(transient);
  });

  it('reads the reason back from a Step Functions Catch payload', () => {
    const lambdaError = asWorkflowError(new MissingColumnError(['amount'])) as Error;
    const cause = JSON.stringify({ errorType: lambdaError.name, errorMessage: lambdaError.message });
    expect(failureFromWorkflowError({ Error: 'PermanentError', Cause: cause })).toEqual({
      reason: 'missing_column',
      message: 'CSV header is missing required column(s): amount',
      permanent: true,
    });
  });

  it('treats anything else (retries exhausted, timeouts) as not permanent, keeping its name as reason', () => {
    expect(failureFromWorkflowError({ Error: 'States.Timeout', Cause: 'Task timed out' })).toEqual({ reason: 'States.Timeout', message: 'Task timed out', permanent: false });
    expect(failureFromWorkflowError(undefined)).toMatchObject({ reason: 'Unknown', permanent: false });
  });
});

describe('requireEnv', () => {
  it('returns the named variables', () => {
    expect(requireEnv(['A', 'B'], { A: '1', B: '2' })).toEqual({ A: '1', B: '2' });
  });
  it('fails at cold start naming every missing variable', () => {
    expect(() => requireEnv(['TABLE_NAME', 'RAW_PREFIX', 'X'], { X: 'x' })).toThrow(new MissingEnvironmentError(['TABLE_NAME', 'RAW_PREFIX']));
    expect(() => requireEnv(['TABLE_NAME'], {})).toThrow('Missing required environment variable(s): TABLE_NAME');
  });
});

describe('transient errors', () => {
  const sdkError = (name: string, extra: Record<string, unknown> = {}) => Object.assign(new Error(`${name} happened`), { name, ...extra });

  it('turns throttling, 5xx and network errors into TransientError for the state machine to retry', () => {
    for (const error of [
      sdkError('SlowDown'),
      sdkError('ProvisionedThroughputExceededException'),
      sdkError('Whatever', { $metadata: { httpStatusCode: 503 } }),
      sdkError('Whatever', { $retryable: { throttling: true } }),
      sdkError('Error', { code: 'ECONNRESET' }),
    ]) {
      const mapped = asWorkflowError(error) as Error;
      expect(mapped).toBeInstanceOf(TransientError);
      expect(mapped.message).toBe(`${error.name}: ${error.message}`);
      expect(mapped.cause).toBe(error);
    }
  });

  it('passes client errors through unchanged: retrying them would not help', () => {
    const denied = sdkError('AccessDenied', { $metadata: { httpStatusCode: 403 } });
    expect(asWorkflowError(denied)).toBe(denied);
  });
});
