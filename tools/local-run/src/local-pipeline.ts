import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { HeadObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { SynthesizedStack } from '@data-platform/constructs';
import { dumpLocalAws, dynamodbClientConfig, LocalAws, LocalDatabase, provisionFromStack, type FaultRule } from '@data-platform/local-aws';
import { existsSync, readdirSync } from 'node:fs';
import { copyFile, mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { matchesEventPattern, objectCreatedEvent, type ObjectCreatedEvent } from './event-pattern.js';
import { LocalFunction } from './lambda/local-function.js';
import { runtimeEnvironment } from './lambda/runtime-environment.js';
import { TaskRoots } from './lambda/task-root.js';
import { buildRunReport, notTriggeredReport, type RunReport } from './run-report.js';
import { apiReport, databaseReport } from './service-report.js';
import { SnsRecorder } from './sns-recorder.js';
import { forcingFanOut, withLocalDistributedMaps } from './state-machine/distributed-map-adapter.js';
import { executeStateMachine, type ExecutionResult } from './state-machine/run-execution.js';
import { localTaskHandlers, type LambdaFault, type TaskServices } from './state-machine/task-adapters.js';
import { synthesizedPipeline, type SynthesizedPipeline } from './synthesized-pipeline.js';
import { findPipelineApp, UserError } from '@data-platform/workspace';

export interface LocalPipelineOptions {
  readonly workspaceRoot: string;
  /** Environment name (`context.environment` of an app's cdktf.json), e.g. `dev`. */
  readonly env: string;
  /**
   * Scale of the definition's Retry waits (backoff, cap and jitter kept).
   * @default 0.01
   */
  readonly retryTimeScale?: number;
  /** Progress lines (stderr in the CLI). */
  readonly log?: (line: string) => void;
  /** Forces the fan-out branch for every file, with shards of about this many bytes (`--shard-bytes`). */
  readonly shardBytes?: number;
}

/** One run: the execution and what it left behind. */
export interface PipelineRun {
  readonly event: ObjectCreatedEvent;
  /** Absent when the trigger rule did not match the event (nothing ran, as in AWS). */
  readonly execution?: ExecutionResult;
  readonly report: RunReport;
}

/** Everything `dump` wrote. */
export interface DumpedOutputs {
  readonly objects: readonly string[];
  readonly tables: readonly string[];
  readonly notifications: string;
  readonly logs: string;
}

/** Pipelines started by this process and not stopped yet (see stopAllLocalPipelines). */
const running = new Set<LocalPipeline>();
/** Working directories of pipelines still starting. */
const starting = new Set<string>();

/** Stops every pipeline this process started: for a signal handler, so ports, processes and temp files go too. */
export async function stopAllLocalPipelines(): Promise<void> {
  // A pipeline interrupted while starting has only its directory to lose; its emulator process
  // exits by itself when this process does.
  await Promise.all([...starting].map((dir) => rm(dir, { recursive: true, force: true })));
  await Promise.all([...running].map((pipeline) => pipeline.stop()));
}

/**
 * SPEC §6: an environment's pipeline run without AWS. Everything comes from the synthesized stack
 * (`dist/cdktf/<app>`): bucket and table are created under their synthesized names, the state
 * machine definition is executed as synthesized (references resolved), its Lambda tasks run the
 * stack's own code and layer zips with the synthesized environment, and its DynamoDB and SNS
 * tasks go to the emulators and a local recorder. The CLI and the tests both drive this class.
 */
export class LocalPipeline {
  private stopping: Promise<void> | undefined;

  private constructor(
    readonly env: string,
    readonly pipeline: SynthesizedPipeline,
    readonly aws: LocalAws,
    /** The database (PGlite on loopback) the load step writes and the status API reads. */
    readonly database: LocalDatabase,
    readonly functions: ReadonlyMap<string, LocalFunction>,
    readonly sns: SnsRecorder,
    private readonly services: TaskServices,
    private readonly workDir: string,
    private readonly options: LocalPipelineOptions,
  ) {}

  /** Reads the synthesized stack of `env`, starts the emulators and lays out the functions. */
  static async start(options: LocalPipelineOptions): Promise<LocalPipeline> {
    const app = findPipelineApp(options.workspaceRoot, options.env);
    const stacksDir = join(app.synthDir, 'stacks');
    if (!existsSync(stacksDir) || readdirSync(stacksDir).length === 0) {
      throw new UserError(`no synthesized stack for ${options.env} in ${stacksDir}: run "npx nx run-many -t synth" first`);
    }
    const stack = SynthesizedStack.fromSynthDir(app.synthDir);
    const pipeline = synthesizedPipeline(stack, basename(stack.directory!));
    const log = options.log ?? (() => undefined);

    const workDir = await mkdtemp(join(tmpdir(), `local-run-${options.env}-`));
    starting.add(workDir);
    let aws: LocalAws | undefined;
    let database: LocalDatabase | undefined;
    try {
      const databaseStarted = Date.now();
      [aws, database] = await Promise.all([LocalAws.start({ region: pipeline.region }), LocalDatabase.start()]);
      const provisioned = await provisionFromStack(aws, stack);
      log(`emulators: S3 ${aws.endpoints.s3}, DynamoDB ${aws.endpoints.dynamodb}; created bucket ${provisioned.buckets.join(', ')} and table ${provisioned.tables.join(', ')}`);
      log(`database: PGlite on ${database.host}:${database.port} (up in ${Date.now() - databaseStarted} ms, started beside the emulators)`);

      const roots = new TaskRoots(workDir, join(options.workspaceRoot, 'node_modules'));
      await mkdir(join(workDir, 'logs'), { recursive: true });
      const functions = new Map<string, LocalFunction>();
      for (const fn of pipeline.functions) {
        const root = await roots.prepare(fn.name, fn.codeZip, fn.layerZips);
        functions.set(
          fn.name,
          new LocalFunction({
            name: fn.name,
            arn: fn.arn,
            handler: fn.handler,
            memoryMb: fn.memoryMb,
            timeoutSeconds: fn.timeoutSeconds,
            logGroup: fn.logGroup,
            // Synthesized variables over the runtime's; the emulator settings last, as Lambda's
            // reserved variables (region, credentials) cannot be overridden by configuration.
            environment: { ...runtimeEnvironment(fn, root), ...fn.environment, ...aws.environment(), ...localDatabaseEnvironment(fn.environment, database) },
            root,
            logFile: join(workDir, 'logs', `${fn.name}.log`),
          }),
        );
      }
      const sns = new SnsRecorder(pipeline.topics, join(workDir, 'sns.jsonl'));
      const dynamodb = new DynamoDBClient({ ...dynamodbClientConfig(aws.endpoints, pipeline.region), maxAttempts: 1 });
      // What `terraform apply` does once the functions exist: invoke the migrations.
      for (const invocation of pipeline.invocations) {
        const outcome = await functions.get(invocation.functionName)!.invoke(invocation.input);
        if (!outcome.ok) throw new Error(`${invocation.functionName} failed on deploy: ${outcome.error.errorType}: ${outcome.error.errorMessage}`);
        log(`deploy: invoked ${invocation.functionName} → ${JSON.stringify(outcome.payload)}`);
      }
      const local = new LocalPipeline(options.env, pipeline, aws, database, functions, sns, { functions, dynamodb, sns, s3: aws.s3, lambdaFaults: [] }, workDir, options);
      running.add(local);
      return local;
    } catch (error) {
      await aws?.stop();
      await database?.stop();
      await rm(workDir, { recursive: true, force: true });
      throw error;
    } finally {
      starting.delete(workDir);
    }
  }

  /** Uploads a local file as `raw/<basename>` (or `key`) and returns the S3 event for it. */
  async upload(file: string, key = `raw/${basename(file)}`): Promise<ObjectCreatedEvent> {
    const body = await readFile(file);
    const put = await this.aws.s3.send(new PutObjectCommand({ Bucket: this.pipeline.bucket, Key: key, Body: body }));
    const head = await this.aws.s3.send(new HeadObjectCommand({ Bucket: this.pipeline.bucket, Key: key }));
    return objectCreatedEvent(
      {
        bucket: this.pipeline.bucket,
        key,
        size: head.ContentLength ?? body.length,
        etag: (head.ETag ?? '').replaceAll('"', ''),
        versionId: put.VersionId ?? 'null',
      },
      { region: this.pipeline.region, account: this.pipeline.account, ...(head.LastModified ? { time: head.LastModified } : {}) },
    );
  }

  /**
   * Delivers the event as EventBridge would: if the synthesized rule matches, one execution of
   * the synthesized state machine with the event as input; then the run's report.
   */
  async deliver(event: ObjectCreatedEvent): Promise<PipelineRun> {
    const log = this.options.log ?? (() => undefined);
    const published = this.sns.messages.length;
    if (!matchesEventPattern(this.pipeline.trigger.pattern, event)) {
      log(`rule ${this.pipeline.trigger.ruleName} does not match s3://${event.detail.bucket.name}/${event.detail.object.key}: nothing runs`);
      return { event, report: notTriggeredReport(this.env, event) };
    }
    log(`rule ${this.pipeline.trigger.ruleName} matched: starting ${this.pipeline.stateMachine.name}`);
    const synthesized = this.pipeline.stateMachine.definition;
    const definition = withLocalDistributedMaps(this.options.shardBytes === undefined ? synthesized : forcingFanOut(synthesized, this.options.shardBytes));
    const execution = await executeStateMachine({
      definition,
      stateMachine: this.pipeline.stateMachine,
      input: event,
      handlers: localTaskHandlers(definition, this.services),
      retryTimeScale: this.options.retryTimeScale ?? 0.01,
    });
    log(`execution ${execution.status} in ${execution.durationMs} ms: ${execution.states.join(' → ')}`);
    const built = await buildRunReport({
      env: this.env,
      aws: this.aws,
      pipeline: this.pipeline,
      event,
      execution,
      notifications: this.sns.messages.slice(published),
    });
    return { event, execution, report: await this.withServices(built, event) };
  }

  /** Adds what the database holds for the run, and the status API's answer for it (SPEC §6). */
  private async withServices(report: RunReport, event: ObjectCreatedEvent): Promise<RunReport> {
    const { object, bucket } = event.detail;
    const versionId = report.source.versionId ?? object['version-id'] ?? 'null';
    const database = await databaseReport(this.database, { bucket: bucket.name, key: object.key, versionId });
    const api = this.pipeline.api && report.runId ? await apiReport(this.functions.get(this.pipeline.api.functionName)!, this.pipeline.api.stage, report.runId) : undefined;
    return { ...report, database, ...(api ? { api } : {}) };
  }

  /** Upload, then deliver: one run of a local file. */
  async run(file: string, key?: string): Promise<PipelineRun> {
    return this.deliver(await this.upload(file, key));
  }

  /** Makes the next matching S3 or DynamoDB request(s) fail with a transient HTTP error. */
  injectFault(rule: FaultRule): Promise<void> {
    return this.aws.injectFault(rule);
  }

  /** Makes the next invocation(s) fail at the Lambda service (e.g. throttled), before the function runs. */
  injectLambdaFault(fault: LambdaFault = {}): void {
    this.services.lambdaFaults.push(fault);
  }

  /**
   * Writes `s3/<key>` for every object, `dynamodb/<table>.jsonl`, `sns.jsonl` and each function's
   * log under `logs/`. Only those entries of `outDir` are replaced; anything else there is kept.
   */
  async dump(outDir: string): Promise<DumpedOutputs> {
    const tables = [this.pipeline.table.name];
    await Promise.all(['s3', 'dynamodb', 'logs', 'sns.jsonl'].map((entry) => rm(join(outDir, entry), { recursive: true, force: true })));
    await mkdir(join(outDir, 'logs'), { recursive: true });
    const dumped = await dumpLocalAws(this.aws, outDir, { bucket: this.pipeline.bucket, tables });
    const notifications = join(outDir, 'sns.jsonl');
    await copyFile(this.sns.file, notifications);
    for (const fn of this.functions.values()) await copyFile(fn.config.logFile, join(outDir, 'logs', basename(fn.config.logFile))).catch(() => undefined);
    return { ...dumped, notifications, logs: join(outDir, 'logs') };
  }

  /** Stops the functions and the emulators and removes the working directory; safe to call twice. */
  stop(): Promise<void> {
    this.stopping ??= (async () => {
      running.delete(this);
      await Promise.all([...this.functions.values()].map((fn) => fn.stop()));
      this.services.dynamodb.destroy();
      await Promise.all([this.aws.stop(), this.database.stop()]);
      await rm(this.workDir, { recursive: true, force: true });
    })();
    return this.stopping;
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.stop();
  }
}

/**
 * A database client's variables pointed at the local database: same user as synthesized (loader,
 * reader, the master user), plain password on loopback instead of TLS with an IAM token or secret.
 */
function localDatabaseEnvironment(synthesized: Readonly<Record<string, string>>, database: LocalDatabase): Record<string, string> {
  const user = synthesized['DB_USER'];
  if (!user) return {};
  // Aurora's CA bundle path exists only in the Lambda runtime; Node would warn that it cannot load it.
  return { ...database.environment(user), NODE_EXTRA_CA_CERTS: '' };
}

