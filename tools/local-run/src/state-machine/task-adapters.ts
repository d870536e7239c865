import {
  DeleteItemCommand,
  GetItemCommand,
  PutItemCommand,
  UpdateItemCommand,
  type DynamoDBClient,
} from '@aws-sdk/client-dynamodb';
import { GetObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { randomUUID } from 'node:crypto';
import type { LocalFunction } from '../lambda/local-function.js';
import type { SnsRecorder } from '../sns-recorder.js';
import { taskStates } from './definition-walker.js';
import { ITEM_READER_RESOURCE } from './distributed-map-adapter.js';
import { serviceIntegrationError, TaskError } from './task-error.js';

/** A Task state's work, given its effective input (after InputPath and Parameters). */
export type TaskHandler = (input: unknown) => Promise<unknown>;

/** A transient Lambda service failure to inject before the next invocation(s) of a function. */
export interface LambdaFault {
  /** Function name; any function when omitted. */
  readonly functionName?: string;
  /** @default 1 */
  readonly count?: number;
  /** @default 'Lambda.TooManyRequestsException' */
  readonly error?: string;
}

export interface TaskServices {
  /** By function name. */
  readonly functions: ReadonlyMap<string, LocalFunction>;
  /** Calls the emulator once per attempt: retrying is the state machine's job, as in AWS. */
  readonly dynamodb: DynamoDBClient;
  /** Absent where no workflow publishes (reference-item replication): an SNS task then fails before the run. */
  readonly sns?: SnsRecorder;
  /** Reads a Distributed Map's item source (see distributed-map-adapter); absent where no workflow has one. */
  readonly s3?: S3Client;
  /** Pending injected Lambda service faults (consumed in order). */
  readonly lambdaFaults: LambdaFault[];
}

/** `arn:aws:lambda:region:account:function:name[:qualifier]` or a bare name → the name. */
function functionNameOf(nameOrArn: unknown): string {
  if (typeof nameOrArn !== 'string') throw new TaskError('Lambda.InvalidParameterValueException', 'FunctionName is required');
  const arn = /^arn:aws[\w-]*:lambda:[^:]+:\d{12}:function:([^:]+)(?::[^:]+)?$/.exec(nameOrArn);
  return arn ? arn[1]! : nameOrArn;
}

function sdkHttpMetadata(requestId: string) {
  return {
    SdkHttpMetadata: { AllHttpHeaders: { 'x-amzn-RequestId': [requestId] }, HttpHeaders: { 'x-amzn-RequestId': requestId }, HttpStatusCode: 200 },
    SdkResponseMetadata: { RequestId: requestId },
  };
}

async function invokeFunction(services: TaskServices, nameOrArn: unknown, payload: unknown): Promise<unknown> {
  const name = functionNameOf(nameOrArn);
  const fn = services.functions.get(name);
  if (!fn) throw new TaskError('Lambda.ResourceNotFoundException', `Function not found: ${String(nameOrArn)}`);
  const faultIndex = services.lambdaFaults.findIndex((fault) => fault.functionName === undefined || fault.functionName === name);
  const fault = services.lambdaFaults[faultIndex];
  if (fault) {
    const remaining = (fault.count ?? 1) - 1;
    if (remaining > 0) services.lambdaFaults[faultIndex] = { ...fault, count: remaining };
    else services.lambdaFaults.splice(faultIndex, 1);
    const error = fault.error ?? 'Lambda.TooManyRequestsException';
    throw new TaskError(error, `Rate Exceeded. (Service: AWSLambda; Status Code: 429; Error Code: ${error.replace(/^Lambda\./, '')}; Request ID: ${randomUUID()})`);
  }
  const outcome = await fn.invoke(payload);
  if (!outcome.ok) {
    // What the lambda:invoke integration reports for a function error: Error = errorType, Cause = the error JSON.
    throw new TaskError(outcome.error.errorType, JSON.stringify(outcome.error));
  }
  return outcome.payload;
}

const DYNAMODB_ACTIONS = {
  getItem: GetItemCommand,
  putItem: PutItemCommand,
  updateItem: UpdateItemCommand,
  deleteItem: DeleteItemCommand,
} as const;

function adapterFor(resource: string, services: TaskServices): TaskHandler | undefined {
  if (resource === 'arn:aws:states:::lambda:invoke') {
    return async (input) => {
      const { FunctionName, Payload } = (input ?? {}) as { FunctionName?: unknown; Payload?: unknown };
      const payload = await invokeFunction(services, FunctionName, Payload ?? {});
      return { ExecutedVersion: '$LATEST', Payload: payload, ...sdkHttpMetadata(randomUUID()), StatusCode: 200 };
    };
  }
  if (/^arn:aws[\w-]*:lambda:[^:]+:\d{12}:function:/.test(resource)) {
    return (input) => invokeFunction(services, resource, input);
  }
  const dynamodb = /^arn:aws:states:::dynamodb:(\w+)$/.exec(resource);
  const Command = dynamodb ? DYNAMODB_ACTIONS[dynamodb[1] as keyof typeof DYNAMODB_ACTIONS] : undefined;
  if (Command) {
    return async (input) => {
      try {
        // Parameters are the action's request as written in the ASL; the service validates them, as in AWS.
        const command = new (Command as unknown as new (input: unknown) => UpdateItemCommand)(input);
        const { $metadata, ...output } = await services.dynamodb.send(command);
        return { ...output, ...sdkHttpMetadata($metadata.requestId ?? randomUUID()) };
      } catch (error) {
        throw serviceIntegrationError('DynamoDB', error);
      }
    };
  }
  const { s3, sns } = services;
  if (resource === ITEM_READER_RESOURCE && s3) {
    // A Distributed Map's ItemReader with InputType JSON: the object is one JSON array of items.
    return async (input) => {
      const { Bucket, Key } = (input ?? {}) as { Bucket?: string; Key?: string };
      try {
        const body = await s3.send(new GetObjectCommand({ Bucket, Key }));
        return JSON.parse(await body.Body!.transformToString('utf8')) as unknown;
      } catch (error) {
        throw serviceIntegrationError('S3', error);
      }
    };
  }
  if (resource === 'arn:aws:states:::sns:publish' && sns) {
    return async (input) => ({ ...sns.publish((input ?? {}) as Parameters<SnsRecorder['publish']>[0]), ...sdkHttpMetadata(randomUUID()) });
  }
  return undefined;
}

/**
 * A local handler for every Task state of the definition: Lambda tasks run the local functions,
 * DynamoDB and SNS service integrations call the emulator and the recorder. Fails before the
 * run if a Task uses a resource the local run does not emulate.
 */
export function localTaskHandlers(definition: Record<string, unknown>, services: TaskServices): Record<string, TaskHandler> {
  const handlers: Record<string, TaskHandler> = {};
  const unsupported: string[] = [];
  for (const [name, state] of taskStates(definition)) {
    const handler = adapterFor(String(state.Resource), services);
    if (handler) handlers[name] = handler;
    else unsupported.push(`${name} (${String(state.Resource)})`);
  }
  if (unsupported.length > 0) throw new Error(`the local run does not emulate these Task resources: ${unsupported.join(', ')}`);
  return handlers;
}

