import { Apigatewayv2Api } from '@cdktf/provider-aws/lib/apigatewayv2-api';
import { Apigatewayv2Integration } from '@cdktf/provider-aws/lib/apigatewayv2-integration';
import { Apigatewayv2Route } from '@cdktf/provider-aws/lib/apigatewayv2-route';
import { Apigatewayv2Stage } from '@cdktf/provider-aws/lib/apigatewayv2-stage';
import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { LambdaPermission } from '@cdktf/provider-aws/lib/lambda-permission';
import type { ApiConfig, Naming } from '@data-platform/config';
import { Construct } from 'constructs';
import { encryptedLogGroup } from '../observability/encrypted-log-group.js';
import { suppressRule } from '../aspects/suppressions.js';

/** The routes of the status API (SPEC §3.4); every one needs a SigV4-signed request. */
export const STATUS_API_ROUTES = ['GET /runs', 'GET /runs/{id}', 'GET /accounts/{id}/balances'] as const;

/** One JSON object per request in the access log (API Gateway's `$context` variables). */
const ACCESS_LOG_FORMAT = JSON.stringify({
  requestId: '$context.requestId',
  time: '$context.requestTime',
  caller: '$context.identity.caller',
  userArn: '$context.identity.userArn',
  sourceIp: '$context.identity.sourceIp',
  routeKey: '$context.routeKey',
  status: '$context.status',
  latencyMs: '$context.responseLatency',
  integrationError: '$context.integrationErrorMessage',
});

export interface StatusApiProps {
  readonly naming: Naming;
  /** The stage's name: exactly the environment's (SPEC §3.4). */
  readonly stageName: string;
  readonly config: ApiConfig;
  /** The function behind every route (API payload 2.0). */
  readonly functionName: string;
  readonly functionInvokeArn: string;
  readonly kmsKeyArn: string;
  readonly logRetentionDays: number;
}

/**
 * API Gateway HTTP API in front of the status function: IAM (SigV4) authorization on every
 * route, one stage named after the environment with its throttling, JSON access logs with
 * retention. HTTP rather than REST API: see the README ("Status API").
 */
export class StatusApi extends Construct {
  readonly api: Apigatewayv2Api;
  readonly stage: Apigatewayv2Stage;
  readonly accessLogs: CloudwatchLogGroup;

  constructor(scope: Construct, id: string, props: StatusApiProps) {
    super(scope, id);
    const { naming } = props;
    const apiName = naming.name('generic', 'api', 'status');
    this.api = new Apigatewayv2Api(this, 'api', {
      name: apiName,
      protocolType: 'HTTP',
      description: 'Pipeline runs and daily balances (IAM-authorized)',
    });
    const integration = new Apigatewayv2Integration(this, 'integration', {
      apiId: this.api.id,
      integrationType: 'AWS_PROXY',
      integrationUri: props.functionInvokeArn,
      payloadFormatVersion: '2.0',
      timeoutMilliseconds: 10_000,
    });
    for (const routeKey of STATUS_API_ROUTES) {
      new Apigatewayv2Route(this, `route-${routeKey.replace(/[^a-z]+/gi, '-').toLowerCase()}`, {
        apiId: this.api.id,
        routeKey,
        authorizationType: 'AWS_IAM',
        target: `integrations/${integration.id}`,
      });
    }
    this.accessLogs = encryptedLogGroup(this, 'access-logs', { name: naming.name('logGroup', '/aws/apigateway/api', 'status'), retentionDays: props.logRetentionDays, kmsKeyArn: props.kmsKeyArn });
    this.stage = new Apigatewayv2Stage(this, 'stage', {
      apiId: this.api.id,
      name: props.stageName,
      autoDeploy: true,
      accessLogSettings: { destinationArn: this.accessLogs.arn, format: ACCESS_LOG_FORMAT },
      defaultRouteSettings: {
        throttlingRateLimit: props.config.throttleRateLimit,
        throttlingBurstLimit: props.config.throttleBurstLimit,
        detailedMetricsEnabled: true,
      },
    });
    suppressRule(
      this.stage,
      'name-includes-suffix',
      'A stage name is scoped to its API, whose name carries the suffix; SPEC §3.4 asks for a stage named exactly after the environment',
    );
    // Only this API's own stage and routes may invoke the function.
    new LambdaPermission(this, 'invoke', {
      statementId: 'StatusApiInvoke',
      action: 'lambda:InvokeFunction',
      functionName: props.functionName,
      principal: 'apigateway.amazonaws.com',
      sourceArn: `${this.api.executionArn}/${props.stageName}/GET/*`,
    });
  }

  /** `https://{api}.execute-api.{region}.amazonaws.com/{stage}` */
  get url(): string {
    return this.stage.invokeUrl;
  }
}
