/** The emulated services: what a fault rule and the request statistics are keyed by. */
export type EmulatedService = 's3' | 'dynamodb';

/**
 * Makes the next matching requests fail with a real HTTP error from the emulator's endpoint, so
 * the SDK's error parsing and retries run exactly as against AWS.
 */
export interface FaultRule {
  readonly service: EmulatedService;
  /**
   * How many matching requests fail.
   * @default 1
   */
  readonly count?: number;
  /**
   * Matching requests to let through before the first failure ("mid-run").
   * @default 0
   */
  readonly after?: number;
  /** Only this API operation, e.g. `GetObject`, `PutObject`, `UpdateItem`, `PutItem`. */
  readonly operation?: string;
  /** S3 only: only requests for keys starting with this. */
  readonly keyPrefix?: string;
  /**
   * `throttle`: S3 503 SlowDown, DynamoDB 400 ThrottlingException.
   * `internal`: S3 500 InternalError, DynamoDB 500 InternalServerError.
   * @default 'throttle'
   */
  readonly kind?: 'throttle' | 'internal';
}

/** One request the emulator failed on purpose. */
export interface InjectedFault {
  readonly service: EmulatedService;
  readonly operation: string;
  readonly key?: string;
  readonly status: number;
  readonly code: string;
}

/** What the emulators have seen since they started. */
export interface EmulatorStats {
  /** Request count per operation, faults included. */
  readonly requests: Readonly<Record<EmulatedService, Readonly<Record<string, number>>>>;
  /** Every injected failure, in order. */
  readonly injected: readonly InjectedFault[];
  /** Rules not used up yet. */
  readonly pending: readonly FaultRule[];
}
