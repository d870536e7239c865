import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import type { Naming } from '@data-platform/config';
import { Construct } from 'constructs';
import { viaService, type ArnScope } from '../iam/arns.js';
import { assumeRolePolicy, policyDocument, type PolicyStatement } from '../iam/policy-document.js';

export interface ConsoleRolesProps {
  readonly naming: Naming;
  readonly arnScope: ArnScope;
  readonly kmsKeyArn: string;
  /** ARN of the ECR repository the console image is pulled from (the shared stack's). */
  readonly repositoryArn: string;
  /** ARN of the console's log group. */
  readonly logGroupArn: string;
  readonly tableArn: string;
  readonly tableName: string;
  readonly bucketArn: string;
  /** Object prefixes the console reads (the quarantine reports). */
  readonly readPrefixes: readonly string[];
  /** `rds-db:connect` resource of the database user the console reads balances as. */
  readonly databaseUserArn: string;
}

/**
 * The console task's two roles (listed call by call in iam/workload-calls.ts): the execution role
 * ECS uses to pull the pinned image and ship logs, and the task role the app reads the run store
 * with. Both trust ECS tasks of this account only.
 */
export class ConsoleRoles extends Construct {
  readonly executionRole: IamRole;
  readonly taskRole: IamRole;

  constructor(scope: Construct, id: string, props: ConsoleRolesProps) {
    super(scope, id);
    const { naming, arnScope, kmsKeyArn } = props;
    const trust = assumeRolePolicy('ecs-tasks.amazonaws.com', {
      sourceAccount: arnScope.accountId,
      sourceArn: `arn:aws:ecs:${arnScope.region}:${arnScope.accountId}:*`,
    });
    const role = (name: string, statements: PolicyStatement[]): IamRole => {
      const created = new IamRole(this, name, { name: naming.name('iamRole', 'role', `ecs-console-${name}`), assumeRolePolicy: trust });
      new IamRolePolicy(this, `${name}-policy`, {
        name: naming.name('iamPolicy', 'policy', `ecs-console-${name}`),
        role: created.id,
        policy: policyDocument(statements),
      });
      return created;
    };

    this.executionRole = role('execution', [
      // GetAuthorizationToken exists only on "*" (WILDCARD_ONLY_ACTIONS).
      { sid: 'RegistryLogin', actions: ['ecr:GetAuthorizationToken'], resources: ['*'] },
      { sid: 'PullConsoleImage', actions: ['ecr:BatchGetImage', 'ecr:GetDownloadUrlForLayer'], resources: [props.repositoryArn] },
      { sid: 'Logs', actions: ['logs:CreateLogStream', 'logs:PutLogEvents'], resources: [`${props.logGroupArn}:*`] },
    ]);

    this.taskRole = role('task', [
      { sid: 'ReadRuns', actions: ['dynamodb:Query'], resources: [props.tableArn, `${props.tableArn}/index/*`] },
      { sid: 'ReadRunOutputs', actions: ['s3:GetObject'], resources: props.readPrefixes.map((prefix) => `${props.bucketArn}/${prefix}*`) },
      { sid: 'ConnectAsReader', actions: ['rds-db:connect'], resources: [props.databaseUserArn] },
      {
        sid: 'TableKey',
        actions: ['kms:Decrypt'],
        resources: [kmsKeyArn],
        conditions: { StringEquals: { 'kms:ViaService': viaService('dynamodb', arnScope.region), 'kms:EncryptionContext:aws:dynamodb:tableName': props.tableName } },
      },
      {
        sid: 'ObjectKey',
        actions: ['kms:Decrypt'],
        resources: [kmsKeyArn],
        conditions: { StringEquals: { 'kms:ViaService': viaService('s3', arnScope.region), 'kms:EncryptionContext:aws:s3:arn': props.bucketArn } },
      },
    ]);
  }
}
