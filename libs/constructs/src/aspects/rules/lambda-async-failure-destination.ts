import { block, refersTo, ruleFor, type SynthesizedResource } from './rule.js';

/** Service principals that invoke Lambda asynchronously (events are lost on failure without a destination). */
const ASYNC_INVOKERS = new Set(['events.amazonaws.com', 's3.amazonaws.com', 'sns.amazonaws.com', 'scheduler.amazonaws.com', 'logs.amazonaws.com']);

const invokedAsynchronously = (fn: SynthesizedResource, resources: readonly SynthesizedResource[]) =>
  resources.some(
    (r) =>
      (r.type === 'aws_lambda_permission' && refersTo(r.config['function_name'], fn) && ASYNC_INVOKERS.has(String(r.config['principal']))) ||
      (r.type === 'aws_lambda_event_invoke_config' && refersTo(r.config['function_name'], fn)),
  );

const hasFailureDestination = (fn: SynthesizedResource, resources: readonly SynthesizedResource[]) =>
  typeof block(fn.config['dead_letter_config'])?.['target_arn'] === 'string' ||
  resources.some(
    (r) =>
      r.type === 'aws_lambda_event_invoke_config' &&
      refersTo(r.config['function_name'], fn) &&
      typeof block(block(r.config['destination_config'])?.['on_failure'])?.['destination'] === 'string',
  );

/**
 * A function invoked asynchronously keeps failed events (DLQ or on-failure destination). Functions
 * called synchronously (by Step Functions, which retries and catches) need neither, so this checks
 * less than CKV_AWS_116, which wants a DLQ on every function, and does not carry its ID.
 */
export const lambdaAsyncFailureDestination = ruleFor('aws_lambda_function', 'lambda-async-failure-destination', [], {
  description: 'A function invoked asynchronously has a DLQ or an on-failure destination',
  check(fn, { resources }) {
    if (!invokedAsynchronously(fn, resources)) return [];
    return hasFailureDestination(fn, resources) ? [] : ['function is invoked asynchronously but has no DLQ or on-failure destination'];
  },
});
