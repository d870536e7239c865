import { environmentApps, findPipelineApp, findWorkspaceRoot, UserError } from '@data-platform/workspace';
import { constants } from 'node:fs';
import { access, mkdir, stat, writeFile } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { serveLocalConsole } from './local-console.js';
import { LocalPipeline } from './local-pipeline.js';
import { planOffline } from './offline-plans.js';
import { formatPlanTable, offlinePlanFile, planRows } from './plan-table.js';
import type { RunReport } from './run-report.js';
import { sampleTransactions } from './sample-data.js';
import { formatRunSummary } from './summary-text.js';

export const USAGE = `usage: npm start -- [--env <environment>] [--input <file>] [--out <dir>] [--json] [--shard-bytes <n>] [--serve [--port <n>]]

Runs an environment's synthesized pipeline end to end against local S3/DynamoDB emulators.
  --env     environment to run (default: dev)
  --input   transaction file to process: .csv or .jsonl, optionally .gz (default: a generated sample)
  --out     where to write s3/, dynamodb/, sns.jsonl and logs/ (default: dist/local-run/<env>)
  --json    print exactly one JSON document on stdout (everything else goes to stderr)
  --shard-bytes  take the fan-out branch (Distributed Map) whatever the file's size, with shards of about n bytes
  --plan    first build, synthesize and plan every environment offline through Nx (npm start passes it);
            the plans' output goes to dist/local-run/plan.log and each plan to dist/terraform/<app>/offline/plan.txt
  --verbose stream Nx's and Terraform's output instead
  --serve   then keep the pipeline console running on the run's stores until Ctrl-C (URL printed)
  --port    the console's port with --serve (default: a free one)`;

export interface CliArgs {
  readonly env: string;
  readonly input?: string;
  readonly out?: string;
  readonly json: boolean;
  /** Forces the fan-out branch with shards of about this many bytes. */
  readonly shardBytes?: number;
  readonly plan: boolean;
  readonly verbose: boolean;
  readonly serve: boolean;
  readonly port: number;
  readonly help: boolean;
}

/** Parses argv; bad usage is a UserError with exit code 2. */
export function parseCliArgs(argv: readonly string[]): CliArgs {
  try {
    const { values } = parseArgs({
      args: [...argv],
      options: {
        env: { type: 'string', default: 'dev' },
        input: { type: 'string' },
        out: { type: 'string' },
        json: { type: 'boolean', default: false },
        'shard-bytes': { type: 'string' },
        plan: { type: 'boolean', default: false },
        verbose: { type: 'boolean', default: false },
        serve: { type: 'boolean', default: false },
        port: { type: 'string', default: '0' },
        help: { type: 'boolean', short: 'h', default: false },
      },
      strict: true,
      allowPositionals: false,
    });
    const port = Number(values.port);
    if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port must be a port number from 0 to 65535, got '${values.port}'`);
    if (values.port !== '0' && !values.serve) throw new Error('--port only applies with --serve');
    const shardBytes = values['shard-bytes'] === undefined ? undefined : Number(values['shard-bytes']);
    if (shardBytes !== undefined && !(Number.isSafeInteger(shardBytes) && shardBytes >= 1)) {
      throw new Error(`--shard-bytes must be a whole number of bytes, at least 1, got '${values['shard-bytes']}'`);
    }
    return {
      env: values.env!,
      ...(values.input !== undefined ? { input: values.input } : {}),
      ...(values.out !== undefined ? { out: values.out } : {}),
      json: values.json!,
      ...(shardBytes !== undefined ? { shardBytes } : {}),
      plan: values.plan!,
      verbose: values.verbose!,
      serve: values.serve!,
      port,
      help: values.help!,
    };
  } catch (error) {
    throw new UserError(`${(error as Error).message.split('\n')[0]} (see --help)`, { exitCode: 2 });
  }
}

/** An --input that exists, is a file and can be read; anything else is bad usage. */
async function readableInput(file: string): Promise<string> {
  try {
    if (!(await stat(file)).isFile()) throw new Error('not a file');
    await access(file, constants.R_OK);
    return file;
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message;
    throw new UserError(`cannot read --input ${file}: ${reason}`, { exitCode: 2 });
  }
}

export interface CliIo {
  readonly stdout: NodeJS.WritableStream;
  readonly stderr: NodeJS.WritableStream;
  readonly cwd: string;
  /** @default the workspace above this module */
  readonly workspaceRoot?: string;
  /**
   * With --serve, resolves when the console should stop.
   * @default the first SIGINT or SIGTERM
   */
  readonly serveUntil?: Promise<unknown>;
}

/** The first SIGINT (Ctrl-C) or SIGTERM. */
function interrupted(): Promise<unknown> {
  return new Promise((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
}

/**
 * The local run (SPEC §6): checks the builds, prints the offline plan per environment, runs the
 * pipeline of `--env` on the input and prints the result. Returns the process exit code:
 * 0 run succeeded, 1 run failed or a prerequisite is missing, 2 bad usage.
 */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const say = (stream: NodeJS.WritableStream, text: string) => stream.write(`${text}\n`);
  let pipeline: LocalPipeline | undefined;
  try {
    const args = parseCliArgs(argv);
    if (args.help) {
      say(io.stdout, USAGE);
      return 0;
    }
    const human = args.json ? io.stderr : io.stdout;
    const log = (line: string) => say(io.stderr, `local-run: ${line}`);
    const root = io.workspaceRoot ?? findWorkspaceRoot(import.meta.dirname);
    findPipelineApp(root, args.env);
    const input = args.input === undefined ? undefined : await readableInput(resolve(io.cwd, args.input));
    const outDir = resolve(io.cwd, args.out ?? join(root, 'dist', 'local-run', args.env));
    if (args.plan) {
      const apps = environmentApps(root);
      const logFile = join(root, 'dist', 'local-run', 'plan.log');
      const plans = planOffline(root, apps, { verbose: args.verbose, logFile });
      if (plans.planned) {
        const planFiles = apps.map((app) => `  ${app.environment}: ${relative(io.cwd, offlinePlanFile(app, 'plan.txt'))}`).join('\n');
        say(human, `Offline plans (terraform plan from empty state, no AWS calls):\n${formatPlanTable(planRows(apps))}\nfull plans:\n${planFiles}\n`);
      } else {
        say(human, `Offline plans skipped: ${plans.reason}. The local run does not need them; install Terraform >= 1.10 or set TF_PROVIDER_MIRROR to see them (output: ${relative(io.cwd, logFile)}).\n`);
      }
    } else {
      say(human, `Offline plans (from the last plan -c offline of each environment):\n${formatPlanTable(planRows(environmentApps(root)))}\n`);
    }

    const started = Date.now();
    pipeline = await LocalPipeline.start({ workspaceRoot: root, env: args.env, log, ...(args.shardBytes !== undefined ? { shardBytes: args.shardBytes } : {}) });
    let file = input;
    if (!file) {
      file = join(outDir, 'input', 'sample-transactions.csv');
      await mkdir(join(outDir, 'input'), { recursive: true });
      const sample = sampleTransactions();
      await writeFile(file, sample.csv);
      log(`no --input: generated ${relative(io.cwd, file)} (${sample.rows} rows, ${sample.brokenRows.length} of them broken on purpose)`);
    }
    const run = await pipeline.run(file);
    await pipeline.dump(outDir);
    const report: RunReport = {
      ...run.report,
      outputs: run.report.outputs.map((output) => ({ ...output, file: join(outDir, 's3', ...output.s3.replace(/^s3:\/\/[^/]+\//, '').split('/')) })),
    };
    say(human, `Local run of ${pipeline.pipeline.stackName} (${((Date.now() - started) / 1000).toFixed(1)} s)\n${formatRunSummary(report, { outDir, cwd: io.cwd })}`);
    if (args.json) say(io.stdout, JSON.stringify(report, null, 2));
    if (args.serve) {
      const served = await serveLocalConsole(pipeline, args.port);
      say(human, `\nPipeline console: ${served.url}/runs (the run's S3 and DynamoDB emulators; Ctrl-C to stop)`);
      await (io.serveUntil ?? interrupted());
      await served.close();
    }
    return report.status === 'SUCCEEDED' ? 0 : 1;
  } catch (error) {
    if (error instanceof UserError) {
      say(io.stderr, `error: ${error.message}`);
      return error.exitCode;
    }
    say(io.stderr, `error: ${(error as Error).message ?? String(error)}`);
    if (process.env['LOCAL_RUN_DEBUG']) say(io.stderr, String((error as Error).stack));
    return 1;
  } finally {
    await pipeline?.stop();
  }
}
