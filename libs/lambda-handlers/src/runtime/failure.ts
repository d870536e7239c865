import { PermanentError } from '../processing/index.js';

/**
 * The error name Step Functions sees for bad input. Subclasses (MissingColumnError, ...) are
 * reported under this one name so the workflow needs a single rule, with the reason in the message.
 */
export const PERMANENT_ERROR_NAME = 'PermanentError';

/** A failure worth retrying (throttling, 5xx, timeouts): the state machine's Retry handles it. */
export class TransientError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'TransientError';
  }
}

/** What a permanent failure carries to the failure path, as JSON in the Lambda error message. */
export interface PermanentFailure {
  readonly reason: string;
  readonly message: string;
}

/** Throttling and server-side error names of S3, DynamoDB and the SDK itself. */
const TRANSIENT_NAMES = new Set([
  'ThrottlingException', 'Throttling', 'SlowDown', 'ProvisionedThroughputExceededException', 'RequestLimitExceeded',
  'TooManyRequestsException', 'ServiceUnavailable', 'InternalError', 'InternalServerError', 'RequestTimeout',
  'RequestTimeoutException', 'TimeoutError', 'TransactionInProgressException',
]);
const TRANSIENT_NETWORK_CODES = new Set(['ECONNRESET', 'ECONNREFUSED', 'ETIMEDOUT', 'EPIPE', 'EAI_AGAIN', 'ENOTFOUND']);

/** Whether an error (usually from the AWS SDK) may succeed if the same call is made again later. */
export function isTransient(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const sdk = error as Error & { $retryable?: unknown; $metadata?: { httpStatusCode?: number }; code?: string };
  if (sdk.$retryable) return true;
  if ((sdk.$metadata?.httpStatusCode ?? 0) >= 500) return true;
  return TRANSIENT_NAMES.has(error.name) || (sdk.code !== undefined && TRANSIENT_NETWORK_CODES.has(sdk.code));
}

/**
 * Maps an error onto the two names the workflow acts on: bad input becomes PermanentError
 * (caught: quarantine and alert), anything worth another attempt becomes TransientError
 * (retried with backoff after the SDK's own retries ran out); other errors pass unchanged.
 */
export function asWorkflowError(error: unknown): unknown {
  if (error instanceof PermanentError) {
    const failure: PermanentFailure = { reason: error.reason, message: error.message };
    const workflowError = new Error(JSON.stringify(failure), { cause: error });
    workflowError.name = PERMANENT_ERROR_NAME;
    return workflowError;
  }
  if (error instanceof TransientError) return error;
  if (isTransient(error)) return new TransientError(`${(error as Error).name}: ${(error as Error).message}`, { cause: error });
  return error;
}

/**
 * Reads the reason back out of a Step Functions error (`{ Error, Cause }`), where Cause is the
 * Lambda error JSON `{ errorType, errorMessage, trace }`: only the message is kept, never the trace.
 */
export function failureFromWorkflowError(error: { Error?: string; Cause?: string } | undefined): PermanentFailure & { permanent: boolean } {
  const name = error?.Error ?? 'Unknown';
  let message = error?.Cause ?? '';
  try {
    const cause = JSON.parse(message) as { errorMessage?: string };
    message = cause.errorMessage ?? message;
  } catch {
    // Cause is plain text (service integrations, timeouts): keep it as it is.
  }
  if (name === PERMANENT_ERROR_NAME) {
    try {
      const failure = JSON.parse(message) as PermanentFailure;
      return { ...failure, permanent: true };
    } catch {
      return { reason: 'permanent_error', message, permanent: true };
    }
  }
  return { reason: name, message, permanent: false };
}
