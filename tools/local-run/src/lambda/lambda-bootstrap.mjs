// @ts-check
/**
 * A local stand-in for the Lambda Node.js runtime interface: one process is one execution
 * environment. It imports the handler module once (the cold start, with the function's
 * environment already in process.env), then serves invocations one at a time over IPC, passing a
 * Lambda-shaped context and returning either the JSON-serialized result or the error in the
 * shape Lambda reports it (`{ errorType, errorMessage, trace }`).
 *
 * Messages in:  { type: 'invoke', id, event, context: { awsRequestId, deadlineMs, invokedFunctionArn } }
 * Messages out: { type: 'ready' } | { type: 'initError', error } | { type: 'result', id, payload } | { type: 'error', id, error }
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

/** @typedef {{ errorType: string, errorMessage: string, trace: string[] }} LambdaError */

/**
 * @param {unknown} error
 * @returns {LambdaError}
 */
function lambdaError(error) {
  if (error instanceof Error) {
    return { errorType: error.name || 'Error', errorMessage: error.message, trace: (error.stack ?? '').split('\n') };
  }
  return { errorType: typeof error === 'string' ? 'string' : 'Error', errorMessage: String(error), trace: [] };
}

/** @param {Record<string, unknown>} message */
function send(message) {
  process.send?.(message);
}

const taskRoot = process.env['LAMBDA_TASK_ROOT'] ?? process.cwd();
const handlerSetting = process.env['_HANDLER'] ?? 'index.handler';
const dot = handlerSetting.lastIndexOf('.');
const moduleName = handlerSetting.slice(0, dot);
const exportName = handlerSetting.slice(dot + 1);

/** @type {string | undefined} */
let currentInvocation;

// In Lambda an unhandled rejection or exception fails the current invocation and ends the environment.
for (const signal of /** @type {const} */ (['unhandledRejection', 'uncaughtException'])) {
  process.on(signal, (error) => {
    const reported = lambdaError(error);
    if (signal === 'unhandledRejection') reported.errorType = 'Runtime.UnhandledPromiseRejection';
    if (currentInvocation) send({ type: 'error', id: currentInvocation, error: reported });
    else send({ type: 'initError', error: reported });
    process.exitCode = 129;
    setImmediate(() => process.exit());
  });
}

/** @type {(event: unknown, context: Record<string, unknown>) => Promise<unknown>} */
let handler;
try {
  const file = ['.js', '.mjs', '.cjs'].map((extension) => join(taskRoot, `${moduleName}${extension}`)).find((candidate) => existsSync(candidate));
  if (!file) throw Object.assign(new Error(`Cannot find module '${moduleName}'`), { name: 'Runtime.ImportModuleError' });
  const module = await import(pathToFileURL(file).href);
  handler = module[exportName];
  if (typeof handler !== 'function') {
    throw Object.assign(new Error(`${handlerSetting} is undefined or not exported`), { name: 'Runtime.HandlerNotFound' });
  }
  send({ type: 'ready' });
} catch (error) {
  send({ type: 'initError', error: lambdaError(error) });
  process.exit(1);
}

process.on('message', async (/** @type {{ type: string, id: string, event: unknown, context: { awsRequestId: string, deadlineMs: number, invokedFunctionArn: string } }} */ message) => {
  if (message.type !== 'invoke') return;
  currentInvocation = message.id;
  const env = process.env;
  const context = {
    callbackWaitsForEmptyEventLoop: true,
    functionName: env['AWS_LAMBDA_FUNCTION_NAME'],
    functionVersion: env['AWS_LAMBDA_FUNCTION_VERSION'],
    invokedFunctionArn: message.context.invokedFunctionArn,
    memoryLimitInMB: env['AWS_LAMBDA_FUNCTION_MEMORY_SIZE'],
    awsRequestId: message.context.awsRequestId,
    logGroupName: env['AWS_LAMBDA_LOG_GROUP_NAME'],
    logStreamName: env['AWS_LAMBDA_LOG_STREAM_NAME'],
    getRemainingTimeInMillis: () => Math.max(0, message.context.deadlineMs - Date.now()),
  };
  try {
    const result = await handler(message.event, context);
    // Lambda returns JSON: whatever does not survive JSON.stringify does not reach the caller.
    send({ type: 'result', id: message.id, payload: result === undefined ? 'null' : JSON.stringify(result) });
  } catch (error) {
    send({ type: 'error', id: message.id, error: lambdaError(error) });
  } finally {
    currentInvocation = undefined;
  }
});
process.on('disconnect', () => process.exit());
