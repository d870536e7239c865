import type { ApiConfig, LambdaConfig, LogsConfig } from '@data-platform/config';
import { Construct } from 'constructs';
import { HANDLER_ENTRY } from '../compute/lambda-platform.js';
import { PipelineFunction } from '../compute/pipeline-function.js';
import { DATABASE_USERS, type AuroraDatabase } from '../database/aurora-database.js';
import { viaService } from '../iam/arns.js';
import { StatusApi } from './status-api.js';
import type { EnvironmentContextProps } from '../environment-context.js';

export interface StatusServiceProps extends EnvironmentContextProps {
  readonly api: ApiConfig;
  readonly lambda: LambdaConfig;
  readonly logs: LogsConfig;
  readonly zipPath: string;
  readonly layerArns: readonly string[];
  readonly subnetIds: readonly string[];
  readonly lambdaSecurityGroupIds: readonly string[];
  /** The run metadata table and its name. */
  readonly tableArn: string;
  readonly tableName: string;
  readonly database: AuroraDatabase;
}

/**
 * SPEC §3.4: the status function (API memory and reserved concurrency per environment) and the
 * IAM-authorized HTTP API in front of it. The function reads only: runs from the table and its
 * index, balances as the database's `reader` user.
 */
export class StatusService extends Construct {
  readonly function: PipelineFunction;
  readonly api: StatusApi;

  constructor(scope: Construct, id: string, props: StatusServiceProps) {
    super(scope, id);
    const { naming, arnScope, kmsKeyArn, database } = props;
    this.function = new PipelineFunction(this, 'function', {
      naming,
      arnScope,
      name: 'status-api',
      description: 'Status API: pipeline runs and daily balances',
      zipPath: props.zipPath,
      handler: HANDLER_ENTRY,
      memoryMb: props.lambda.apiMemoryMb,
      timeoutSeconds: 10,
      tracing: props.lambda.tracing,
      reservedConcurrency: props.lambda.reservedConcurrency.api,
      logRetentionDays: props.logs.retentionDays,
      kmsKeyArn,
      layerArns: props.layerArns,
      subnetIds: props.subnetIds,
      securityGroupIds: [...props.lambdaSecurityGroupIds, database.clientSecurityGroup.id],
      environment: {
        TABLE_NAME: props.tableName,
        POWERTOOLS_METRICS_NAMESPACE: 'DataPipeline',
        POWERTOOLS_TRACE_ENABLED: String(props.lambda.tracing),
        ...database.clientEnvironment(DATABASE_USERS.reader),
      },
      permissions: [
        { sid: 'ReadRuns', actions: ['dynamodb:Query'], resources: [props.tableArn, `${props.tableArn}/index/*`] },
        {
          sid: 'TableKey',
          actions: ['kms:Decrypt'],
          resources: [kmsKeyArn],
          conditions: {
            StringEquals: { 'kms:ViaService': viaService('dynamodb', arnScope.region), 'kms:EncryptionContext:aws:dynamodb:tableName': props.tableName },
          },
        },
        { sid: 'ConnectAsReader', actions: ['rds-db:connect'], resources: [database.connectArn(DATABASE_USERS.reader)] },
      ],
    });
    this.api = new StatusApi(this, 'api', {
      naming,
      stageName: naming.context.environment,
      config: props.api,
      functionName: this.function.function.functionName,
      functionInvokeArn: this.function.function.invokeArn,
      kmsKeyArn,
      logRetentionDays: props.logs.retentionDays,
    });
  }
}
