import { fanOutStates, type FanOutDefinitionProps } from './fan-out-states.js';
import { lambdaTask } from './lambda-task.js';
import { RETRY } from './retry-policies.js';

/** What the workflow calls; values may be Terraform tokens (ARNs, names) resolved at synth. */
export interface PipelineDefinitionProps {
  readonly validateFunctionArn: string;
  readonly transformFunctionArn: string;
  readonly loadFunctionArn: string;
  readonly quarantineFunctionArn: string;
  readonly tableName: string;
  readonly eventsTopicArn: string;
  readonly alertTopicArn: string;
  /** The environment's name, for the failure alert. */
  readonly environment: string;
  /** The fan-out branch for large files (SPEC §3.2 scale). */
  readonly fanOut: FanOutDefinitionProps;
}

/** A String message attribute of an SNS publish, read from the state. */
const attribute = (path: string) => ({ DataType: 'String', 'StringValue.$': path });

/** A Task publishing to an SNS topic; `message` holds Subject, Message and attributes (literal or `.$` paths). */
const publish = (topicArn: string, message: Record<string, unknown>) => ({
  Type: 'Task',
  Resource: 'arn:aws:states:::sns:publish',
  Parameters: { TopicArn: topicArn, ...message },
  ResultPath: null,
  Retry: RETRY.sns,
});

/** Key of the run item, as the validate (or quarantine) step computed it. */
const runKey = (path: string) => ({
  id: { 'S.$': `${path}.runId` },
  timestamp: { 'N.$': `States.Format('{}', ${path}.runTimestamp)` },
});

/** One attribute a Task sets on the run item: its name, its placeholder in the expression, its value read from the state. */
type RunAttribute = readonly [attribute: string, placeholder: string, value: Record<string, string>];

/**
 * A Task closing the run item: sets its status and `attributes` (`SET #status = :<status>, a = :p, …,
 * finishedAt = :finished`), stamping the time the state was entered. `status` is the placeholder's
 * name and, upper-cased, the status written.
 */
const closeRun = (tableName: string, keyPath: string, status: string, attributes: readonly RunAttribute[]) => ({
  Type: 'Task',
  Resource: 'arn:aws:states:::dynamodb:updateItem',
  Parameters: {
    TableName: tableName,
    Key: runKey(keyPath),
    UpdateExpression: `SET #status = :${status}, ${attributes.map(([name, placeholder]) => `${name} = :${placeholder}`).join(', ')}, finishedAt = :finished`,
    ExpressionAttributeNames: { '#status': 'status' },
    ExpressionAttributeValues: {
      [`:${status}`]: { S: status.toUpperCase() },
      ...Object.fromEntries(attributes.map(([, placeholder, value]) => [`:${placeholder}`, value])),
      ':finished': { 'S.$': '$$.State.EnteredTime' },
    },
  },
  ResultPath: null,
  Retry: RETRY.dynamodb,
});

/**
 * The pipeline as Amazon States Language: validate → transform → load → record metadata → notify, with
 * Retry on transient errors and a Catch-all failure path: bad input (PermanentError) is quarantined,
 * every failure is recorded on the run item (reason and message) and alerted as a readable
 * sentence with the facts as message attributes, and the execution fails visibly.
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
        ...lambdaTask(props.validateFunctionArn, { 'bucket.$': '$.detail.bucket.name', 'object.$': '$.detail.object' }),
        ResultPath: '$.validation',
        Catch: catchFailures,
        Next: 'AlreadyProcessed',
      },
      AlreadyProcessed: {
        Type: 'Choice',
        Choices: [{ Variable: '$.validation.result.alreadyProcessed', BooleanEquals: true, Next: 'SkipReplay' }],
        Default: 'SingleOrFanOut',
      },
      ...fanOutStates(props.fanOut, { run: '$.validation.result', catchFailures, next: 'LoadAggregates', single: 'TransformObject' }),
      SkipReplay: { Type: 'Succeed', Comment: 'This object version was already processed: counted once.' },
      TransformObject: {
        ...lambdaTask(props.transformFunctionArn, { 'run.$': '$.validation.result' }),
        ResultPath: '$.transform',
        Catch: catchFailures,
        Next: 'LoadAggregates',
      },
      // The run's daily aggregates into the database in one transaction (replaces the version's
      // rows). Transient database errors retry here; a permanent one (DatabaseError) takes the
      // failure path, which records and alerts without quarantining the (valid) object.
      LoadAggregates: {
        ...lambdaTask(props.loadFunctionArn, { 'run.$': '$.validation.result', 'summaryKey.$': '$.transform.result.outputs.summary' }),
        ResultPath: '$.load',
        Catch: catchFailures,
        Next: 'RecordMetadata',
      },
      RecordMetadata: {
        ...closeRun(props.tableName, '$.validation.result', 'succeeded', [
          ['totalRecords', 'total', { 'N.$': "States.Format('{}', $.transform.result.records.total)" }],
          ['validRecords', 'valid', { 'N.$': "States.Format('{}', $.transform.result.records.valid)" }],
          ['quarantinedRecords', 'quarantined', { 'N.$': "States.Format('{}', $.transform.result.records.quarantined)" }],
          ['summaryKey', 'summary', { 'S.$': '$.transform.result.outputs.summary' }],
        ]),
        Catch: [{ ErrorEquals: ['States.ALL'], ResultPath: '$.error', Next: 'RecordFailure' }],
        Next: 'Notify',
      },
      Notify: {
        ...publish(props.eventsTopicArn, {
          Subject: 'Pipeline run succeeded',
          'Message.$': 'States.JsonToString($.transform.result)',
        }),
        Next: 'Succeeded',
      },
      Succeeded: { Type: 'Succeed' },
      QuarantineObject: {
        ...lambdaTask(props.quarantineFunctionArn, {
          'bucket.$': '$.detail.bucket.name',
          'object.$': '$.detail.object',
          'error.$': '$.error',
          environment: props.environment,
        }),
        ResultPath: '$.quarantine',
        Catch: [{ ErrorEquals: ['States.ALL'], ResultPath: '$.quarantineError', Next: 'AlertUnquarantined' }],
        Next: 'RecordFailure',
      },
      RecordFailure: {
        ...closeRun(props.tableName, '$.quarantine.result', 'failed', [
          ['failureReason', 'reason', { 'S.$': '$.quarantine.result.reason' }],
          ['failureMessage', 'message', { 'S.$': '$.quarantine.result.message' }],
          ['quarantineKey', 'quarantineKey', { 'S.$': '$.quarantine.result.quarantineKey' }],
        ]),
        Catch: [{ ErrorEquals: ['States.ALL'], ResultPath: '$.recordError', Next: 'AlertFailure' }],
        Next: 'AlertFailure',
      },
      AlertFailure: {
        ...publish(props.alertTopicArn, {
          'Subject.$': '$.quarantine.result.alert.subject',
          'Message.$': '$.quarantine.result.alert.message',
          MessageAttributes: {
            environment: attribute('$.quarantine.result.alert.environment'),
            reason: attribute('$.quarantine.result.alert.reason'),
            runId: attribute('$.quarantine.result.alert.runId'),
            object: attribute('$.quarantine.result.alert.object'),
            quarantineKey: attribute('$.quarantine.result.alert.quarantineKey'),
          },
        }),
        Next: 'RunFailed',
      },
      // The failure path itself failed (the quarantine function could not run): no run key, no
      // alert text from it, so say what is known from the event and the error's name.
      AlertUnquarantined: {
        ...publish(props.alertTopicArn, {
          Subject: `Pipeline run failed in ${props.environment}: failure path error`,
          'Message.$': `States.Format('Pipeline run failed in ${props.environment}: s3://{}/{} failed with {}, and its failure path failed too with {}, so the object was neither quarantined nor recorded. Execution {}.', $.detail.bucket.name, $.detail.object.key, $.error.Error, $.quarantineError.Error, $$.Execution.Id)`,
          MessageAttributes: {
            environment: { DataType: 'String', StringValue: props.environment },
            reason: attribute('$.quarantineError.Error'),
          },
        }),
        Next: 'RunFailed',
      },
      RunFailed: { Type: 'Fail', Error: 'PipelineRunFailed', Cause: 'See the alert and the run item for the reason.' },
    },
  };
}
