import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';
import { SFNClient, type ExecutionStatus } from '@aws-sdk/client-sfn';
import { SSMClient } from '@aws-sdk/client-ssm';
import { parseArgs } from 'node:util';
import { environmentOutputs, outputsPath } from './environment-outputs.js';
import { describeExecution, EXECUTION_STATUSES, listExecutions, redriveExecution } from './executions.js';
import { OpsError } from './ops-error.js';
import { replayQuarantined } from './replay.js';

export const USAGE = `usage: npm run ops -- <command> --env <environment> [options]

  executions list [--status RUNNING|SUCCEEDED|FAILED|TIMED_OUT|ABORTED|PENDING_REDRIVE] [--max N]
  executions describe <execution-arn>
  executions redrive <execution-arn>
  replay <quarantine key>     copy a (fixed) quarantined source back under raw/ as a new object version

The environment's state machine, bucket and table come from its stack outputs in SSM
(/{project}/{env}/{suffix}/outputs/…). Credentials and region: the AWS SDK's usual chain.
Prints one JSON document on stdout.`;

export interface OpsIo {
  readonly stdout: NodeJS.WritableStream;
  readonly stderr: NodeJS.WritableStream;
  readonly workspaceRoot: string;
  readonly env?: NodeJS.ProcessEnv;
}

function parse(argv: readonly string[]) {
  try {
    return parseArgs({
      args: [...argv],
      options: {
        env: { type: 'string' },
        status: { type: 'string' },
        max: { type: 'string', default: '20' },
        help: { type: 'boolean', short: 'h', default: false },
      },
      allowPositionals: true,
      strict: true,
    });
  } catch (error) {
    throw new OpsError(`${(error as Error).message.split('\n')[0]} (see --help)`, 2);
  }
}

/** `npm run ops`: returns the exit code (0 done, 1 failed, 2 bad usage); errors are one line on stderr. */
export async function runOps(argv: readonly string[], io: OpsIo): Promise<number> {
  try {
    const { values, positionals } = parse(argv);
    if (values.help || positionals.length === 0) {
      io.stdout.write(`${USAGE}\n`);
      return values.help ? 0 : 2;
    }
    if (!values.env) throw new OpsError('--env is required (dev, staging or prod)', 2);
    const path = outputsPath(io.workspaceRoot, values.env, io.env ?? process.env);
    const region = (io.env ?? process.env)['AWS_REGION'];
    const config = region ? { region } : {};
    const outputs = () => environmentOutputs(new SSMClient(config), path);
    const print = (value: unknown) => io.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
    const [command, sub, argument] = positionals;

    if (command === 'executions') {
      const sfn = new SFNClient(config);
      if (sub === 'list') {
        const status = values.status as ExecutionStatus | undefined;
        if (status && !EXECUTION_STATUSES.includes(status as (typeof EXECUTION_STATUSES)[number])) {
          throw new OpsError(`--status must be one of ${EXECUTION_STATUSES.join(', ')}, got ${status}`, 2);
        }
        const max = Number(values.max);
        if (!Number.isInteger(max) || max < 1 || max > 1000) throw new OpsError(`--max must be an integer from 1 to 1000, got ${values.max}`, 2);
        print(await listExecutions(sfn, (await outputs())['state-machine-arn'], { max, ...(status ? { status } : {}) }));
        return 0;
      }
      if ((sub === 'describe' || sub === 'redrive') && argument) {
        print(sub === 'describe' ? await describeExecution(sfn, argument) : await redriveExecution(sfn, argument));
        return 0;
      }
      throw new OpsError(`executions ${sub ?? ''}: expected list, describe <arn> or redrive <arn> (see --help)`, 2);
    }
    if (command === 'replay' && sub) {
      const found = await outputs();
      print(await replayQuarantined({ s3: new S3Client({ ...config, forcePathStyle: (io.env ?? process.env)['S3_FORCE_PATH_STYLE'] === 'true' }), dynamodb: new DynamoDBClient(config) }, { bucket: found['bucket-name'], table: found['table-name'] }, sub));
      return 0;
    }
    throw new OpsError(`unknown command "${positionals.join(' ')}" (see --help)`, 2);
  } catch (error) {
    io.stderr.write(`error: ${(error as Error).message}\n`);
    return error instanceof OpsError ? error.exitCode : 1;
  }
}
