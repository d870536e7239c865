import {
  DescribeExecutionCommand,
  ExecutionDoesNotExist,
  ListExecutionsCommand,
  RedriveExecutionCommand,
  type ExecutionStatus,
  type SFNClient,
} from '@aws-sdk/client-sfn';
import { OpsError } from './ops-error.js';

export const EXECUTION_STATUSES = ['RUNNING', 'SUCCEEDED', 'FAILED', 'TIMED_OUT', 'ABORTED', 'PENDING_REDRIVE'] as const;

/** One execution as `executions list` prints it. */
export interface ExecutionLine {
  readonly name: string;
  readonly arn: string;
  readonly status: string;
  readonly startedAt?: string;
  readonly stoppedAt?: string;
  readonly redriveCount?: number;
}

/** Newest first (as Step Functions returns them), up to `max`, optionally of one status. */
export async function listExecutions(sfn: SFNClient, stateMachineArn: string, options: { status?: ExecutionStatus; max: number }): Promise<ExecutionLine[]> {
  const lines: ExecutionLine[] = [];
  let nextToken: string | undefined;
  do {
    const page = await sfn.send(
      new ListExecutionsCommand({
        stateMachineArn,
        maxResults: Math.min(options.max - lines.length, 1000),
        ...(options.status ? { statusFilter: options.status } : {}),
        ...(nextToken ? { nextToken } : {}),
      }),
    );
    for (const execution of page.executions ?? []) {
      lines.push({
        name: execution.name ?? '',
        arn: execution.executionArn ?? '',
        status: execution.status ?? 'UNKNOWN',
        ...(execution.startDate ? { startedAt: execution.startDate.toISOString() } : {}),
        ...(execution.stopDate ? { stoppedAt: execution.stopDate.toISOString() } : {}),
        ...(execution.redriveCount !== undefined ? { redriveCount: execution.redriveCount } : {}),
      });
    }
    nextToken = page.nextToken;
  } while (nextToken && lines.length < options.max);
  return lines;
}

/** Status, input, error and cause of one execution (the answer to "why did it fail?"). */
export async function describeExecution(sfn: SFNClient, executionArn: string) {
  try {
    const execution = await sfn.send(new DescribeExecutionCommand({ executionArn }));
    return {
      name: execution.name,
      status: execution.status,
      startedAt: execution.startDate?.toISOString(),
      stoppedAt: execution.stopDate?.toISOString(),
      input: execution.input ? (JSON.parse(execution.input) as unknown) : undefined,
      error: execution.error,
      cause: execution.cause,
      redriveCount: execution.redriveCount,
      redriveStatus: execution.redriveStatus,
      redriveStatusReason: execution.redriveStatusReason,
    };
  } catch (error) {
    if (error instanceof ExecutionDoesNotExist) throw new OpsError(`no execution ${executionArn}`);
    throw error;
  }
}

/** Restarts a failed execution from its failed state (Step Functions redrive); refuses in one line when it cannot. */
export async function redriveExecution(sfn: SFNClient, executionArn: string): Promise<{ redriveDate?: string }> {
  try {
    const result = await sfn.send(new RedriveExecutionCommand({ executionArn }));
    return result.redriveDate ? { redriveDate: result.redriveDate.toISOString() } : {};
  } catch (error) {
    const name = (error as Error).name;
    if (name === 'ExecutionNotRedrivable' || name === 'ExecutionDoesNotExist' || name === 'ExecutionLimitExceeded') {
      throw new OpsError(`cannot redrive ${executionArn}: ${name}: ${(error as Error).message}`);
    }
    throw error;
  }
}
