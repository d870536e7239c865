import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';
import { fork, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { dynamodbClientConfig, localAwsEnvironment, s3ClientConfig, type LocalEndpoints } from './client-config.js';
import type { EmulatorStats, FaultRule } from './fault-rule.js';

export interface LocalAwsOptions {
  /** Region the clients sign for and the handlers are told they run in (take it from the stack). */
  readonly region: string;
  /**
   * How long to wait for the emulators to listen.
   * @default 20_000
   */
  readonly startTimeoutMs?: number;
}

type HostReply = { id: number; ok: true; result: unknown } | { id: number; ok: false; error: string };
type HostReady = { op: 'ready'; ports: { s3: number; dynamodb: number } };

/**
 * Path of the emulator process script. Beside this module in the sources; the local-run bundle
 * copies it beside itself (tools/local-run/bin.mjs), so the same relative URL works in both.
 */
const HOST_SCRIPT = fileURLToPath(new URL('./emulator-host.mjs', import.meta.url));

/**
 * S3 and DynamoDB emulators on loopback ports picked at start, in a child Node process started
 * with `--openssl-legacy-provider` (s3rver's list continuation tokens use DES; see
 * emulator-host.mjs). Clients from here are configured for them; `environment()` gives the same
 * settings to code that creates its own clients. Stop it (or `await using`) to free the ports.
 */
export class LocalAws {
  readonly endpoints: LocalEndpoints;
  private readonly pending = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();
  private nextId = 1;
  private s3Client: S3Client | undefined;
  private dynamodbClient: DynamoDBClient | undefined;
  private stopped = false;

  private constructor(
    private readonly host: ChildProcess,
    ports: HostReady['ports'],
    readonly region: string,
  ) {
    this.endpoints = { s3: `http://127.0.0.1:${ports.s3}`, dynamodb: `http://127.0.0.1:${ports.dynamodb}` };
    host.on('message', (message: HostReply) => {
      const call = this.pending.get(message.id);
      if (!call) return;
      this.pending.delete(message.id);
      if (message.ok) call.resolve(message.result);
      else call.reject(new Error(`local-aws: ${message.error}`));
    });
    host.on('exit', (code, signal) => {
      for (const call of this.pending.values()) call.reject(new Error(`local-aws: emulator process exited (${signal ?? code})`));
      this.pending.clear();
    });
  }

  /** Starts both emulators; resolves once they accept connections. */
  static async start(options: LocalAwsOptions): Promise<LocalAws> {
    const host = fork(HOST_SCRIPT, [], {
      // Explicit execArgv: a test runner's own loader flags must not leak into the emulators.
      execArgv: ['--openssl-legacy-provider'],
      stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
      serialization: 'json',
    });
    const timeoutMs = options.startTimeoutMs ?? 20_000;
    try {
      const ready = await new Promise<HostReady>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`local-aws: emulators did not start within ${timeoutMs} ms`)), timeoutMs);
        host.once('message', (message: HostReady) => {
          clearTimeout(timer);
          if (message.op === 'ready') resolve(message);
          else reject(new Error(`local-aws: unexpected first message from the emulator process: ${JSON.stringify(message)}`));
        });
        host.once('error', (error) => {
          clearTimeout(timer);
          reject(error);
        });
        host.once('exit', (code) => {
          clearTimeout(timer);
          reject(new Error(`local-aws: emulator process exited with ${code} before it was ready (see its output above)`));
        });
      });
      return new LocalAws(host, ready.ports, options.region);
    } catch (error) {
      host.kill('SIGKILL');
      throw error;
    }
  }

  /** An S3 client for s3rver (one per instance). */
  get s3(): S3Client {
    return (this.s3Client ??= new S3Client(s3ClientConfig(this.endpoints, this.region)));
  }

  /** A DynamoDB client for dynalite (one per instance). */
  get dynamodb(): DynamoDBClient {
    return (this.dynamodbClient ??= new DynamoDBClient(dynamodbClientConfig(this.endpoints, this.region)));
  }

  /** Environment variables that point an AWS SDK (e.g. a Lambda handler) at these emulators. */
  environment(): Record<string, string> {
    return localAwsEnvironment(this.endpoints, this.region);
  }

  /** Makes the next matching request(s) fail; resolves once the emulator has the rule. */
  async injectFault(rule: FaultRule): Promise<void> {
    if (rule.count !== undefined && (!Number.isInteger(rule.count) || rule.count < 1)) {
      throw new Error(`local-aws: fault count must be a positive integer, got ${rule.count}`);
    }
    await this.call('inject', { rule });
  }

  /** Drops every pending fault rule. */
  async clearFaults(): Promise<void> {
    await this.call('clearFaults');
  }

  /** Requests per operation and the faults injected so far. */
  async stats(): Promise<EmulatorStats> {
    return (await this.call('stats')) as EmulatorStats;
  }

  /** Stops the emulators and frees their ports and storage; safe to call twice. */
  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    this.s3Client?.destroy();
    this.dynamodbClient?.destroy();
    if (this.host.exitCode !== null || this.host.signalCode !== null) return;
    const exited = once(this.host, 'exit');
    const timer = setTimeout(() => this.host.kill('SIGKILL'), 5_000);
    try {
      await this.call('stop').catch(() => this.host.kill('SIGKILL'));
      await exited;
    } finally {
      clearTimeout(timer);
    }
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.stop();
  }

  private call(op: string, payload: Record<string, unknown> = {}): Promise<unknown> {
    if (!this.host.connected) return Promise.reject(new Error('local-aws: the emulators are not running'));
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.host.send({ id, op, ...payload });
    });
  }
}
