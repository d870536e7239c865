/** A Retry rule as the ASL spells it. */
interface Retrier {
  readonly ErrorEquals: readonly string[];
  readonly IntervalSeconds?: number;
  readonly BackoffRate?: number;
  readonly MaxDelaySeconds?: number;
  readonly JitterStrategy?: 'FULL' | 'NONE';
}

/** ASL defaults for fields a retrier leaves out. */
const DEFAULT_INTERVAL_SECONDS = 1;
const DEFAULT_BACKOFF_RATE = 2;

/**
 * Waits between Retry attempts, shrunk by `timeScale`, with the definition's backoff, cap and
 * jitter intact. aws-local-stepfunctions takes a fixed per-state override (`retryIntervalOverrides`)
 * and reads it on every failed attempt, so this exposes one whose values follow the attempt
 * count: attempt n of a retrier waits `IntervalSeconds × BackoffRate^(n-1)`, capped at
 * `MaxDelaySeconds`, then drawn uniformly from [0, that] under `JitterStrategy: FULL`.
 */
export class RetryPacing {
  private readonly failures = new Map<string, number>();

  constructor(
    private readonly retriers: ReadonlyMap<string, readonly Retrier[]>,
    /** 1 = real time; the local default 0.01 turns 2 s into 20 ms. */
    private readonly timeScale: number,
  ) {}

  /** Builds the pacing for every state of the definition that has a Retry field. */
  static forDefinition(states: ReadonlyArray<[string, Record<string, unknown>]>, timeScale: number): RetryPacing {
    return new RetryPacing(
      new Map(states.filter(([, state]) => Array.isArray(state['Retry'])).map(([name, state]) => [name, state['Retry'] as Retrier[]])),
      timeScale,
    );
  }

  /** Wraps a task so its consecutive failures are counted (the attempt number of the next wait). */
  track<T>(stateName: string, task: (input: unknown) => Promise<T>): (input: unknown) => Promise<T> {
    return async (input) => {
      try {
        const result = await task(input);
        this.failures.delete(stateName);
        return result;
      } catch (error) {
        this.failures.set(stateName, (this.failures.get(stateName) ?? 0) + 1);
        throw error;
      }
    };
  }

  /** The `retryIntervalOverrides` object: milliseconds per retrier, computed when read. */
  overrides(): Record<string, number[]> {
    const overrides: Record<string, number[]> = {};
    for (const [stateName, retriers] of this.retriers) {
      Object.defineProperty(overrides, stateName, {
        enumerable: true,
        get: () => retriers.map((retrier) => this.waitMs(retrier, this.failures.get(stateName) ?? 1)),
      });
    }
    return overrides;
  }

  private waitMs(retrier: Retrier, attempt: number): number {
    const interval = (retrier.IntervalSeconds ?? DEFAULT_INTERVAL_SECONDS) * (retrier.BackoffRate ?? DEFAULT_BACKOFF_RATE) ** (attempt - 1);
    const capped = retrier.MaxDelaySeconds === undefined ? interval : Math.min(interval, retrier.MaxDelaySeconds);
    const jittered = retrier.JitterStrategy === 'FULL' ? Math.random() * capped : capped;
    return Math.round(jittered * 1000 * this.timeScale);
  }
}
