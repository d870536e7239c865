import { fork, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { createWriteStream, type WriteStream } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { TaskRoot } from './task-root.js';

/** How Lambda reports a failed invocation (the Cause of a Step Functions Lambda task error). */
export interface LambdaError {
  readonly errorType: string;
  readonly errorMessage: string;
  readonly trace?: readonly string[];
}

export type InvokeOutcome = { readonly ok: true; readonly payload: unknown } | { readonly ok: false; readonly error: LambdaError };

export interface LocalFunctionConfig {
  readonly name: string;
  readonly arn: string;
  readonly handler: string;
  readonly memoryMb: number;
  readonly timeoutSeconds: number;
  readonly logGroup: string;
  /** The complete environment of the process (function variables + emulator endpoints). */
  readonly environment: Readonly<Record<string, string>>;
  readonly root: TaskRoot;
  /** The function's stdout and stderr (its "CloudWatch log stream"). */
  readonly logFile: string;
}

/** Beside this module in the sources; bin.mjs writes it beside the CLI bundle. */
const BOOTSTRAP = fileURLToPath(new URL('./lambda-bootstrap.mjs', import.meta.url));

type Message =
  | { type: 'ready' }
  | { type: 'initError'; error: LambdaError }
  | { type: 'result'; id: string; payload: string }
  | { type: 'error'; id: string; error: LambdaError };

/** One execution environment: a Node process that imported the handler and serves invocations. */
class ExecutionEnvironment {
  readonly process: ChildProcess;
  readonly ready: Promise<LambdaError | undefined>;
  private current: { id: string; settle: (outcome: InvokeOutcome) => void } | undefined;
  private exited = false;

  constructor(config: LocalFunctionConfig, log: WriteStream) {
    this.process = fork(BOOTSTRAP, [], {
      cwd: config.root.taskDir,
      env: config.environment,
      // The function's NODE_OPTIONS (from its environment) apply; the caller's flags do not.
      execArgv: [],
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
      serialization: 'json',
    });
    this.process.stdout?.pipe(log, { end: false });
    this.process.stderr?.pipe(log, { end: false });
    this.ready = new Promise((resolve) => {
      this.process.on('message', (message: Message) => {
        if (message.type === 'ready') resolve(undefined);
        else if (message.type === 'initError') resolve(message.error);
        else if (this.current?.id === message.id) {
          const { settle } = this.current;
          this.current = undefined;
          settle(message.type === 'result' ? { ok: true, payload: JSON.parse(message.payload) as unknown } : { ok: false, error: message.error });
        }
      });
      this.process.on('exit', (code, signal) => {
        this.exited = true;
        const error = { errorType: 'Runtime.ExitError', errorMessage: `Runtime exited with error: ${signal ? `signal: ${signal}` : `exit status ${code}`}` };
        resolve(error);
        this.current?.settle({ ok: false, error });
        this.current = undefined;
      });
    });
  }

  get usable(): boolean {
    return !this.exited && this.current === undefined;
  }

  invoke(event: unknown, context: { awsRequestId: string; deadlineMs: number; invokedFunctionArn: string }): Promise<InvokeOutcome> {
    return new Promise((settle) => {
      this.current = { id: context.awsRequestId, settle };
      this.process.send({ type: 'invoke', id: context.awsRequestId, event, context });
    });
  }

  kill(): void {
    if (!this.exited) this.process.kill('SIGKILL');
  }
}

/**
 * A Lambda function run locally: the first invocation starts an execution environment (the cold
 * start), later ones reuse it; concurrent invocations get more environments, as Lambda scales.
 * A timeout kills the environment, like Lambda's sandbox, and reports `Sandbox.Timedout`.
 */
export class LocalFunction {
  private readonly idle: ExecutionEnvironment[] = [];
  private readonly all = new Set<ExecutionEnvironment>();
  private readonly log: WriteStream;
  coldStarts = 0;
  invocations = 0;

  constructor(readonly config: LocalFunctionConfig) {
    this.log = createWriteStream(config.logFile, { flags: 'a' });
  }

  async invoke(event: unknown): Promise<InvokeOutcome> {
    this.invocations++;
    const awsRequestId = randomUUID();
    const timeoutMs = this.config.timeoutSeconds * 1000;
    const deadlineMs = Date.now() + timeoutMs;
    this.log.write(`START RequestId: ${awsRequestId} Version: $LATEST\n`);
    const started = performance.now();
    let initMs: number | undefined;
    let environment = this.idle.pop();
    while (environment && !environment.usable) environment = this.idle.pop();
    if (!environment) {
      environment = new ExecutionEnvironment(this.config, this.log);
      this.all.add(environment);
      this.coldStarts++;
      const initError = await environment.ready;
      initMs = performance.now() - started;
      if (initError) {
        this.retire(environment);
        this.report(awsRequestId, started, initMs);
        return { ok: false, error: initError };
      }
    }
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<InvokeOutcome>((resolve) => {
      timer = setTimeout(() => {
        resolve({
          ok: false,
          error: { errorType: 'Sandbox.Timedout', errorMessage: `RequestId: ${awsRequestId} Error: Task timed out after ${this.config.timeoutSeconds.toFixed(2)} seconds` },
        });
      }, timeoutMs);
    });
    const outcome = await Promise.race([environment.invoke(event, { awsRequestId, deadlineMs, invokedFunctionArn: this.config.arn }), timedOut]);
    clearTimeout(timer);
    this.report(awsRequestId, started + (initMs ?? 0), initMs);
    if (!outcome.ok && (outcome.error.errorType === 'Sandbox.Timedout' || !environment.usable)) this.retire(environment);
    else if (environment.usable) this.idle.push(environment);
    else this.retire(environment);
    return outcome;
  }

  /** Ends every execution environment and closes the log. */
  async stop(): Promise<void> {
    await Promise.all(
      [...this.all].map(async (environment) => {
        if (environment.process.exitCode !== null || environment.process.signalCode !== null) return;
        const exited = new Promise((resolve) => environment.process.once('exit', resolve));
        environment.kill();
        await exited;
      }),
    );
    this.all.clear();
    this.idle.length = 0;
    await new Promise((resolve) => this.log.end(resolve));
  }

  /** The END and REPORT lines Lambda writes after each invocation. */
  private report(awsRequestId: string, started: number, initMs: number | undefined): void {
    const duration = (performance.now() - started).toFixed(2);
    const init = initMs === undefined ? '' : `\tInit Duration: ${initMs.toFixed(2)} ms`;
    this.log.write(`END RequestId: ${awsRequestId}\nREPORT RequestId: ${awsRequestId}\tDuration: ${duration} ms\tMemory Size: ${this.config.memoryMb} MB${init}\n`);
  }

  private retire(environment: ExecutionEnvironment): void {
    environment.kill();
    this.all.delete(environment);
  }
}
