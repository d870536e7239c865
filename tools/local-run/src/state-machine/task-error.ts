/**
 * A failed Task as Step Functions reports it: `name` becomes the error's `Error` (what Retry and
 * Catch match on), `message` its `Cause`.
 */
export class TaskError extends Error {
  constructor(error: string, cause: string) {
    super(cause);
    this.name = error;
  }
}

/**
 * The Step Functions error name for a failed AWS SDK call of a service integration, e.g.
 * `DynamoDB.ThrottlingException`. Step Functions names them after the Java SDK's exception classes,
 * which end in `Exception` (the JavaScript SDK's `InternalServerError` is `InternalServerErrorException`).
 */
export function serviceIntegrationError(service: string, error: unknown): TaskError {
  const sdkError = error as { name?: string; message?: string; $metadata?: { httpStatusCode?: number; requestId?: string } };
  const name = sdkError.name && sdkError.$metadata ? sdkError.name : `Amazon${service}`;
  const exception = name.endsWith('Exception') ? name : `${name}Exception`;
  const status = sdkError.$metadata?.httpStatusCode ?? 'n/a';
  const requestId = sdkError.$metadata?.requestId ?? 'n/a';
  return new TaskError(`${service}.${exception}`, `${sdkError.message ?? String(error)} (Service: ${service}, Status Code: ${status}, Request ID: ${requestId})`);
}
