import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import { captureLambdaHandler } from '@aws-lambda-powertools/tracer/middleware';
import middy from '@middy/core';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { createAwsClients } from '../runtime/aws-clients.js';
import { databaseConnection } from '../runtime/database-connection.js';
import { requireEnv } from '../runtime/env.js';
import { createObservability } from '../runtime/pipeline-handler.js';
import { handleStatusRequest } from '../status/status-api.js';
import { statusQueries } from '../status/status-queries.js';

const env = requireEnv(['TABLE_NAME']);
const observability = createObservability();
const queries = statusQueries({ dynamo: createAwsClients().dynamo, tableName: env.TABLE_NAME, database: databaseConnection() });

/**
 * The status API behind API Gateway (HTTP API, payload 2.0, IAM-authorized routes). An unexpected
 * failure is logged with the request id and answered as a 500 problem without internals.
 */
export const handler = middy<APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2>()
  .use(injectLambdaContext(observability.logger, { resetKeys: true }))
  .use(captureLambdaHandler(observability.tracer, { captureResponse: false }))
  .use(logMetrics(observability.metrics, { throwOnEmptyMetrics: false }))
  .handler(async (event) => {
    try {
      const response = await handleStatusRequest(event, queries);
      observability.logger.info('request', { routeKey: event.routeKey, statusCode: response.statusCode });
      return response;
    } catch (error) {
      observability.logger.error('request failed', error as Error);
      return {
        statusCode: 500,
        headers: { 'content-type': 'application/problem+json' },
        body: JSON.stringify({ type: 'about:blank', title: 'Internal error', status: 500, detail: `request ${event.requestContext.requestId} failed; see the function's log` }),
      };
    }
  });
