import { randomUUID } from 'node:crypto';
import { stringifyFields, withExactJsonToString } from './json-to-string-workaround.js';
import { RetryPacing } from './retry-pacing.js';
import { mapTaskStates, taskStates } from './definition-walker.js';
import type { TaskHandler } from './task-adapters.js';

// aws-local-stepfunctions targets Node 22 and calls Promise.withResolvers (Node >= 22) in Task
// states; Node 20 lacks it. Installed before the library is loaded or run.
if (typeof (Promise as { withResolvers?: unknown }).withResolvers !== 'function') {
  Object.defineProperty(Promise, 'withResolvers', {
    configurable: true,
    writable: true,
    value: function withResolvers<T>() {
      let resolve!: (value: T | PromiseLike<T>) => void;
      let reject!: (reason?: unknown) => void;
      const promise = new Promise<T>((res, rej) => {
        resolve = res;
        reject = rej;
      });
      return { promise, resolve, reject };
    },
  });
}

/** What the execution history records, trimmed to what a report needs. */
export interface ExecutionEvent {
  readonly type: string;
  readonly timestamp: number;
  readonly state?: { readonly name: string; readonly type: string; readonly output?: unknown };
  readonly Error?: string;
  readonly Cause?: string;
}

export interface ExecutionResult {
  readonly name: string;
  readonly arn: string;
  readonly status: 'SUCCEEDED' | 'FAILED';
  readonly output?: unknown;
  readonly error?: { readonly Error: string; readonly Cause: string };
  /** Names of the states entered, in order (a retried state appears once per entry, not per attempt). */
  readonly states: readonly string[];
  /** Retries per state name. */
  readonly retries: Readonly<Record<string, number>>;
  readonly events: readonly ExecutionEvent[];
  readonly durationMs: number;
}

export interface ExecuteOptions {
  readonly definition: Record<string, unknown>;
  readonly stateMachine: { readonly name: string; readonly arn: string; readonly roleArn: string };
  readonly input: unknown;
  readonly handlers: Record<string, TaskHandler>;
  /** Scale of Retry waits: 1 = as defined; 0.01 = a hundredth. */
  readonly retryTimeScale: number;
}

/**
 * Task states without TimeoutSeconds have no timeout in AWS (the Lambda's own timeout applies),
 * but aws-local-stepfunctions defaults to 60 s. The largest timer Node supports stands in for "none".
 */
const NO_TASK_TIMEOUT_SECONDS = Math.floor((2 ** 31 - 1) / 1000);

function withAwsTaskTimeouts(machine: Record<string, unknown>): Record<string, unknown> {
  return mapTaskStates(machine, (_name, state) =>
    state['TimeoutSeconds'] === undefined && state['TimeoutSecondsPath'] === undefined ? { ...state, TimeoutSeconds: NO_TASK_TIMEOUT_SECONDS } : state,
  );
}

/**
 * Runs one execution of the definition with aws-local-stepfunctions (ASL semantics: paths,
 * intrinsics, Choice, Retry, Catch), with every Task served by a local handler, Retry waits
 * scaled down, and a Context Object like the one Step Functions passes.
 */
export async function executeStateMachine(options: ExecuteOptions): Promise<ExecutionResult> {
  const { StateMachine } = await import('aws-local-stepfunctions');
  const { definition, stringified } = withExactJsonToString(withAwsTaskTimeouts(options.definition));
  const machine = new StateMachine(definition as never, { validationOptions: { checkPaths: true, checkArn: true } });
  const pacing = RetryPacing.forDefinition(taskStates(definition), options.retryTimeScale);
  const handlers = Object.fromEntries(
    Object.entries(options.handlers).map(([name, handler]) => {
      const fields = stringified.get(name);
      return [name, pacing.track(name, fields ? (input: unknown) => handler(stringifyFields(input, fields)) : handler)];
    }),
  );

  const name = randomUUID();
  const arn = options.stateMachine.arn.replace(':stateMachine:', ':execution:') + `:${name}`;
  const started = Date.now();
  const execution = machine.run(options.input as never, {
    // Task results are JSON by construction (Lambda payloads, SDK outputs); the library types them so.
    overrides: { taskResourceLocalHandlers: handlers as never, retryIntervalOverrides: pacing.overrides() },
    context: {
      Execution: { Id: arn, Name: name, RoleArn: options.stateMachine.roleArn, RedriveCount: 0 },
      StateMachine: { Id: options.stateMachine.arn, Name: options.stateMachine.name },
      // Read when a state's Parameters are evaluated, i.e. as the state is entered.
      State: {
        get EnteredTime() {
          return new Date().toISOString();
        },
      },
    } as never,
  });
  // Settle first so a failed execution is never an unhandled rejection while the history is read.
  const outcome = execution.result.then(
    (output: unknown) => ({ ok: true as const, output }),
    (error: unknown) => ({ ok: false as const, error }),
  );
  const events: ExecutionEvent[] = [];
  for await (const event of execution.eventLogs as AsyncIterable<ExecutionEvent>) events.push(event);
  const settled = await outcome;

  const states = events.filter((event) => event.type === 'StateEntered').map((event) => event.state!.name);
  const retries: Record<string, number> = {};
  for (const event of events) if (event.type === 'StateRetried') retries[event.state!.name] = (retries[event.state!.name] ?? 0) + 1;
  const base = { name, arn, states, retries, events, durationMs: Date.now() - started };
  if (settled.ok) return { ...base, status: 'SUCCEEDED', output: settled.output };
  const failed = events.find((event) => event.type === 'ExecutionFailed');
  const cause = (settled.error as { cause?: Error }).cause ?? (settled.error as Error);
  return {
    ...base,
    status: 'FAILED',
    error: { Error: failed?.Error ?? cause.name, Cause: typeof failed?.Cause === 'string' ? failed.Cause : cause.message },
  };
}
