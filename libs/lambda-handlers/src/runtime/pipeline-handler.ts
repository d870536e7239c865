import { Logger } from '@aws-lambda-powertools/logger';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { Metrics } from '@aws-lambda-powertools/metrics';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import { Tracer } from '@aws-lambda-powertools/tracer';
import { captureLambdaHandler } from '@aws-lambda-powertools/tracer/middleware';
import middy from '@middy/core';
import type { Context } from 'aws-lambda';
import { asWorkflowError } from './failure.js';

/** Powertools utilities shared by the handler and its business function. */
export interface Observability {
  readonly logger: Logger;
  readonly metrics: Metrics;
  readonly tracer: Tracer;
}

/** One set per cold start; the service name comes from POWERTOOLS_SERVICE_NAME set by the stack. */
export function createObservability(): Observability {
  return { logger: new Logger(), metrics: new Metrics(), tracer: new Tracer() };
}

/** Events from the state machine carry its execution id (see the ASL's Lambda payloads). */
export interface CorrelatedEvent {
  readonly executionId?: string;
}

/**
 * Wraps a business function as a Lambda handler: logger with the execution id as correlation id
 * (one run's steps share it), tracing when the environment enables it, metrics flushed per
 * invocation, and bad input re-raised under the one error name the workflow catches.
 */
export function pipelineHandler<TEvent extends CorrelatedEvent, TResult>(
  observability: Observability,
  run: (event: TEvent, context: Context) => Promise<TResult>,
) {
  const { logger, metrics, tracer } = observability;
  return middy<TEvent, TResult>()
    .use(injectLambdaContext(logger, { resetKeys: true }))
    .use(captureLambdaHandler(tracer, { captureResponse: false }))
    .use(logMetrics(metrics, { throwOnEmptyMetrics: false }))
    .handler(async (event, context) => {
      if (event.executionId) logger.appendKeys({ correlation_id: event.executionId });
      try {
        return await run(event, context);
      } catch (error) {
        logger.error('invocation failed', error as Error);
        throw asWorkflowError(error);
      }
    });
}
