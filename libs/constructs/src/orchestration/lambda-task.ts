import { RETRY } from './retry-policies.js';

/**
 * A Lambda task state. Every Lambda gets the execution id, so its logs correlate with the run across
 * steps (in a Distributed Map's child execution, the child's id, which names the parent's map run).
 */
export const lambdaTask = (functionArn: string, payload: Record<string, unknown>) => ({
  Type: 'Task',
  Resource: 'arn:aws:states:::lambda:invoke',
  Parameters: { FunctionName: functionArn, Payload: { ...payload, 'executionId.$': '$$.Execution.Id' } },
  ResultSelector: { 'result.$': '$.Payload' },
  Retry: RETRY.lambda,
});
