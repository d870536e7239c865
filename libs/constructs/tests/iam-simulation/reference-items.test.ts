import { describe, expect, it } from 'vitest';
import { EnvironmentView } from './environment-view.js';
import { satisfies, simulate, type SimulationCase } from './simulate.js';
import { simulatedEnvironment } from './simulated-environment.js';

const prod = new EnvironmentView(simulatedEnvironment('prod'));
const lower = ['dev', 'staging'].map((name) => new EnvironmentView(simulatedEnvironment(name)));
const https = { 'aws:SecureTransport': 'true' };
const roleArn = (view: EnvironmentView, name: string) => `arn:aws:iam::${view.accountId}:role/role-${view.env.name}-${name}-main`;
const WORKFLOW_ROLE = roleArn(prod, 'sfn-reference-items');
const PIPE_ROLE = roleArn(prod, 'pipe-reference-items');
/** Another role of prod's account, allowed everything by its own policy. */
const OTHER_PROD_ROLE = roleArn(prod, 'lambda-transform');
const ANYTHING = [{ name: 'anything', policy: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole', Resource: '*' }] } }];

/** A request by a role of `view`, judged by its identity policies (and a resource policy when given). */
function byRole(view: EnvironmentView, role: string, title: string, expected: SimulationCase['expected'], action: string, resource: string, accountId: string, resourcePolicy?: object): SimulationCase {
  const principal = roleArn(view, role);
  return {
    title,
    expected,
    principal,
    action,
    resource,
    accountId,
    context: { ...https, 'aws:PrincipalArn': principal, 'aws:PrincipalAccount': view.accountId },
    identityPolicies: view.policiesOfRole(`role-${view.env.name}-${role}-main`),
    ...(resourcePolicy ? { resourcePolicy } : {}),
  };
}

const trustOf = (view: EnvironmentView, role: string) => {
  const found = view.env.resources.find((r) => r.type === 'aws_iam_role' && r.config['name'] === `role-${view.env.name}-${role}-main`);
  if (!found) throw new Error(`${view.env.name}: no role ${role}`);
  return JSON.parse(String(found.config['assume_role_policy'])) as object;
};

const stateMachine = (view: EnvironmentView, name: string) => `arn:aws:states:${view.region}:${view.accountId}:stateMachine:sfn-${view.env.name}-${name}-main`;
const streamArn = `${prod.referenceTableArn}/stream/2026-11-30T00:00:00.000`;
const queue = (name: string) => `arn:aws:sqs:${prod.region}:${prod.accountId}:sqs-prod-${name}-main`;

/** What the workflow role must never reach in prod itself: run metadata, transactions, the aggregates' database. */
const neverInProd = (title: string, action: string, resource: string) => byRole(prod, 'sfn-reference-items', title, 'Denied', action, resource, prod.accountId);
const workflowCases: SimulationCase[] = [
  neverInProd("never writes prod's run-metadata table", 'dynamodb:PutItem', prod.tableArn),
  neverInProd("never reads prod's transactions (raw/)", 's3:GetObject', `arn:aws:s3:::${prod.dataBucket}/raw/2026/11/30/batch.csv`),
  neverInProd("never connects to prod's database, where the aggregates are", 'rds-db:connect', prod.dbUserArn('loader')),
  ...lower.flatMap((view) => [
    byRole(prod, 'sfn-reference-items', `assumes ${view.env.name}'s writer role, admitted by its trust`, 'Allowed', 'sts:AssumeRole', roleArn(view, 'reference-writer'), view.accountId, trustOf(view, 'reference-writer')),
    byRole(prod, 'sfn-reference-items', `assumes no other role of ${view.env.name}`, 'Denied', 'sts:AssumeRole', roleArn(view, 'lambda-transform'), view.accountId),
    byRole(prod, 'sfn-reference-items', `never writes ${view.env.name}'s reference table as itself`, 'Denied', 'dynamodb:PutItem', view.referenceTableArn, view.accountId),
  ]),
];

const writerCases: SimulationCase[] = lower.flatMap((view) => {
  const writer = (title: string, expected: SimulationCase['expected'], action: string, resource: string) => byRole(view, 'reference-writer', title, expected, action, resource, view.accountId);
  return [
    writer(`${view.env.name}'s writer puts items into its reference table`, 'Allowed', 'dynamodb:PutItem', view.referenceTableArn),
    writer(`${view.env.name}'s writer deletes items of its reference table`, 'Allowed', 'dynamodb:DeleteItem', view.referenceTableArn),
    writer(`${view.env.name}'s writer never reads its reference table`, 'Denied', 'dynamodb:Scan', view.referenceTableArn),
    writer(`${view.env.name}'s writer never writes the run-metadata table`, 'Denied', 'dynamodb:PutItem', view.tableArn),
    writer(`${view.env.name}'s writer never writes transactions (raw/) in the data bucket`, 'Denied', 's3:PutObject', `arn:aws:s3:::${view.dataBucket}/raw/2026/11/30/batch.csv`),
    writer(`${view.env.name}'s writer never writes reference/ objects either (S3 replication does)`, 'Denied', 's3:PutObject', `arn:aws:s3:::${view.dataBucket}/reference/currencies.csv`),
    writer(`${view.env.name}'s writer never connects to its database, where the aggregates are`, 'Denied', 'rds-db:connect', view.dbUserArn('loader')),
    {
      title: `${view.env.name}'s writer trust admits no other principal of prod's account`,
      expected: 'Denied',
      principal: OTHER_PROD_ROLE,
      action: 'sts:AssumeRole',
      resource: roleArn(view, 'reference-writer'),
      accountId: view.accountId,
      context: { ...https, 'aws:PrincipalArn': OTHER_PROD_ROLE, 'aws:PrincipalAccount': prod.accountId },
      identityPolicies: ANYTHING,
      resourcePolicy: trustOf(view, 'reference-writer'),
    },
  ];
});

const pipe = (title: string, expected: SimulationCase['expected'], action: string, resource: string) => byRole(prod, 'pipe-reference-items', title, expected, action, resource, prod.accountId);
const pipeCases: SimulationCase[] = [
  pipe('the pipe reads the reference stream', 'Allowed', 'dynamodb:GetRecords', streamArn),
  pipe("the pipe reads no other table's stream", 'Denied', 'dynamodb:GetRecords', `${prod.tableArn}/stream/2026-11-30T00:00:00.000`),
  pipe('the pipe never reads the reference table itself', 'Denied', 'dynamodb:GetItem', prod.referenceTableArn),
  pipe('the pipe starts the Express workflow synchronously', 'Allowed', 'states:StartSyncExecution', stateMachine(prod, 'reference-items')),
  pipe('the pipe never starts the data pipeline', 'Denied', 'states:StartExecution', prod.stateMachineArn),
  pipe('the pipe never starts the data pipeline synchronously', 'Denied', 'states:StartSyncExecution', prod.stateMachineArn),
  pipe('the pipe dead-letters failed batches to its queue', 'Allowed', 'sqs:SendMessage', queue('reference-items-dlq')),
  pipe("the pipe never writes the pipeline's dead-letter queue", 'Denied', 'sqs:SendMessage', queue('pipeline-dlq')),
  pipe("the pipe never writes the lower environments' tables", 'Denied', 'dynamodb:PutItem', lower[0]!.referenceTableArn),
];

describe("prod's reference-item replication (IAM simulation): only the lower environments' reference tables", () => {
  it('has its workflow and pipe roles in prod only, and a writer role in each lower environment only', () => {
    expect(prod.roleNames()).toEqual(expect.arrayContaining(['role-prod-sfn-reference-items-main', 'role-prod-pipe-reference-items-main']));
    expect(prod.roleNames().filter((name) => name.includes('reference-writer'))).toEqual([]);
    for (const view of lower) {
      expect(view.roleNames().filter((name) => name.includes('reference-'))).toEqual([`role-${view.env.name}-reference-writer-main`]);
    }
  });

  it('names the workflow role the writers trust', () => {
    for (const view of lower) expect(JSON.stringify(trustOf(view, 'reference-writer'))).toContain(WORKFLOW_ROLE);
    expect(PIPE_ROLE).not.toBe(WORKFLOW_ROLE);
  });

  it.each([...workflowCases, ...writerCases, ...pipeCases].map((c) => [c.title, c] as const))('%s', async (_title, c) => {
    const decision = await simulate(c);
    expect(satisfies(decision, c.expected), `${c.title}: expected ${c.expected}, got ${decision}`).toBe(true);
  });
});
