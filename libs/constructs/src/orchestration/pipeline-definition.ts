import { RETRY } from './retry-policies.js';

/** What the workflow calls; values may be Terraform tokens (ARNs, names) resolved at synth. */
export interface PipelineDefinitionProps {
  readonly validateFunctionArn: string;
  readonly transformFunctionArn: string;
  readonly quarantineFunctionArn: string;
  readonly tableName: string;
  readonly eventsTopicArn: string;
  readonly alertTopicArn: string;
}

/** Every Lambda gets the execution id, so its logs correlate with the run across steps. */
const invoke = (functionArn: string, payload: Record<string, unknown>) => ({
  Type: 'Task',
  Resource: 'arn:aws:states:::lambda:invoke',
  Parameters: { FunctionName: functionArn, Payload: { ...payload, 'executionId.$': '$$.Execution.Id' } },
  ResultSelector: { 'result.$': '$.Payload' },
  Retry: RETRY.lambda,
});

/** Key of the run item, as the validate (or quarantine) step computed it. */
const runKey = (path: string) => ({
  id: { 'S.$': `${path}.runId` },
  timestamp: { 'N.$': `States.Format('{}', ${path}.runTimestamp)` },
});

/**
 * The pipeline as Amazon States Language: validate → transform → record metadata → notify, with
 * Retry on transient errors and a Catch-all failure path: bad input (PermanentError) is quarantined,
 * every failure is recorded on the run item and alerted, and the execution fails visibly.
 */
export function pipelineDefinition(props: PipelineDefinitionProps): Record<string, unknown> {
  // One failure path: the quarantine step moves the object aside only for PermanentError (bad input);
  // for exhausted transient errors it just computes the run key, so the failure is still recorded.
  const catchFailures = [{ ErrorEquals: ['States.ALL'], ResultPath: '$.error', Next: 'QuarantineObject' }];
  return {
    Comment: 'Validate, transform and record one transaction file landed under raw/',
    StartAt: 'ValidateObject',
    States: {
      ValidateObject: {
        ...invoke(props.validateFunctionArn, { 'bucket.$': '$.detail.bucket.name', 'object.$': '$.detail.object' }),
        ResultPath: '$.validation',
        Catch: catchFailures,
        Next: 'AlreadyProcessed',
      },
      AlreadyProcessed: {
        Type: 'Choice',
        Choices: [{ Variable: '$.validation.result.alreadyProcessed', BooleanEquals: true, Next: 'SkipReplay' }],
        Default: 'TransformObject',
      },
      SkipReplay: { Type: 'Succeed', Comment: 'This object version was already processed: counted once.' },
      TransformObject: {
        ...invoke(props.transformFunctionArn, { 'run.$': '$.validation.result' }),
        ResultPath: '$.transform',
        Catch: catchFailures,
        Next: 'RecordMetadata',
      },
      RecordMetadata: {
        Type: 'Task',
        Resource: 'arn:aws:states:::dynamodb:updateItem',
        Parameters: {
          TableName: props.tableName,
          Key: runKey('$.validation.result'),
          UpdateExpression:
            'SET #status = :succeeded, totalRecords = :total, validRecords = :valid, quarantinedRecords = :quarantined, summaryKey = :summary, finishedAt = :finished',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: {
            ':succeeded': { S: 'SUCCEEDED' },
            ':total': { 'N.$': "States.Format('{}', $.transform.result.records.total)" },
            ':valid': { 'N.$': "States.Format('{}', $.transform.result.records.valid)" },
            ':quarantined': { 'N.$': "States.Format('{}', $.transform.result.records.quarantined)" },
            ':summary': { 'S.$': '$.transform.result.outputs.summary' },
            ':finished': { 'S.$': '$$.State.EnteredTime' },
          },
        },
        ResultPath: null,
        Retry: RETRY.dynamodb,
        Catch: [{ ErrorEquals: ['States.ALL'], ResultPath: '$.error', Next: 'RecordFailure' }],
        Next: 'Notify',
      },
      Notify: {
        Type: 'Task',
        Resource: 'arn:aws:states:::sns:publish',
        Parameters: {
          TopicArn: props.eventsTopicArn,
          Subject: 'Pipeline run succeeded',
          'Message.$': 'States.JsonToString($.transform.result)',
        },
        ResultPath: null,
        Retry: RETRY.sns,
        Next: 'Succeeded',
      },
      Succeeded: { Type: 'Succeed' },
      QuarantineObject: {
        ...invoke(props.quarantineFunctionArn, {
          'bucket.$': '$.detail.bucket.name',
          'object.$': '$.detail.object',
          'error.$': '$.error',
        }),
        ResultPath: '$.quarantine',
        Catch: [{ ErrorEquals: ['States.ALL'], ResultPath: '$.quarantineError', Next: 'AlertFailure' }],
        Next: 'RecordFailure',
      },
      RecordFailure: {
        Type: 'Task',
        Resource: 'arn:aws:states:::dynamodb:updateItem',
        Parameters: {
          TableName: props.tableName,
          Key: runKey('$.quarantine.result'),
          UpdateExpression: 'SET #status = :failed, failureReason = :reason, quarantineKey = :quarantineKey, finishedAt = :finished',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: {
            ':failed': { S: 'FAILED' },
            ':reason': { 'S.$': '$.quarantine.result.reason' },
            ':quarantineKey': { 'S.$': '$.quarantine.result.quarantineKey' },
            ':finished': { 'S.$': '$$.State.EnteredTime' },
          },
        },
        ResultPath: null,
        Retry: RETRY.dynamodb,
        Catch: [{ ErrorEquals: ['States.ALL'], ResultPath: '$.recordError', Next: 'AlertFailure' }],
        Next: 'AlertFailure',
      },
      AlertFailure: {
        Type: 'Task',
        Resource: 'arn:aws:states:::sns:publish',
        Parameters: {
          TopicArn: props.alertTopicArn,
          Subject: 'Pipeline run failed',
          'Message.$': 'States.JsonToString($)',
        },
        ResultPath: null,
        Retry: RETRY.sns,
        Next: 'RunFailed',
      },
      RunFailed: { Type: 'Fail', Error: 'PipelineRunFailed', Cause: 'See the alert and the run item for the reason.' },
    },
  };
}
