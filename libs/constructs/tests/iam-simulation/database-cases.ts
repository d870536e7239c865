import type { EnvironmentView } from './environment-view.js';
import type { SimulationCase } from './simulate.js';

const https = { 'aws:SecureTransport': 'true' };

/**
 * The database roles beyond their call lists: the load role connects only as `loader`, the status
 * API only as `reader` and may only read the table; only the migration role reads the master secret.
 */
export function databaseCases(view: EnvironmentView): SimulationCase[] {
  const ask = (role: 'lambda-load' | 'lambda-status-api' | 'lambda-transform', title: string, action: string, resource: string): SimulationCase => ({
    title: `${role} ${title}`,
    expected: 'Denied',
    principal: view.roleArn(role),
    action,
    resource,
    accountId: view.accountId,
    context: https,
    identityPolicies: view.identityPolicies(role),
  });
  return [
    ask('lambda-load', 'denies connecting as reader', 'rds-db:connect', view.dbUserArn('reader')),
    ask('lambda-load', 'denies connecting as the master user', 'rds-db:connect', view.dbUserArn('pipeline_admin')),
    ask('lambda-load', 'denies reading the master secret', 'secretsmanager:GetSecretValue', view.masterSecretArn),
    ask('lambda-status-api', 'denies connecting as loader', 'rds-db:connect', view.dbUserArn('loader')),
    ask('lambda-status-api', 'denies connecting as the master user', 'rds-db:connect', view.dbUserArn('pipeline_admin')),
    ask('lambda-status-api', 'denies reading the master secret', 'secretsmanager:GetSecretValue', view.masterSecretArn),
    ...['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem', 'dynamodb:Scan'].map((action) =>
      ask('lambda-status-api', `denies ${action} on the table (reads by query only)`, action, view.tableArn),
    ),
    ask('lambda-transform', 'denies connecting to the database at all', 'rds-db:connect', view.dbUserArn('loader')),
  ];
}
