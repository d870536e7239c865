import { describe, expect, it } from 'vitest';
import { EnvironmentView } from './environment-view.js';
import { satisfies, simulate, type SimulationCase } from './simulate.js';
import { simulatedEnvironment } from './simulated-environment.js';

const prod = new EnvironmentView(simulatedEnvironment('prod'));
const lower = ['dev', 'staging'].map((name) => new EnvironmentView(simulatedEnvironment(name)));
const ROLE_NAME = 'role-prod-reference-replication-main';
const ROLE_ARN = `arn:aws:iam::${prod.accountId}:role/${ROLE_NAME}`;
const https = { 'aws:SecureTransport': 'true' };
/** Another role of prod's account, allowed everything by its own policy. */
const OTHER_PROD_ROLE = `arn:aws:iam::${prod.accountId}:role/role-prod-lambda-transform-main`;

/** A request by prod's replication role, judged by its identity policy (and a resource policy when given). */
const byRole = (title: string, expected: SimulationCase['expected'], action: string, resource: string, accountId: string, extra: Partial<SimulationCase> = {}): SimulationCase => ({
  title,
  expected,
  principal: ROLE_ARN,
  action,
  resource,
  accountId,
  context: { ...https, 'aws:PrincipalArn': ROLE_ARN, 'aws:PrincipalAccount': prod.accountId, ...extra.context },
  identityPolicies: prod.policiesOfRole(ROLE_NAME),
  ...(extra.resourcePolicy ? { resourcePolicy: extra.resourcePolicy } : {}),
});

const cases: SimulationCase[] = [
  byRole('reads versions of prod reference/ objects for replication', 'Allowed', 's3:GetObjectVersionForReplication', `arn:aws:s3:::${prod.dataBucket}/reference/currencies.csv`, prod.accountId),
  byRole('never reads prod transactions (raw/)', 'Denied', 's3:GetObjectVersionForReplication', `arn:aws:s3:::${prod.dataBucket}/raw/2026/11/30/batch.csv`, prod.accountId),
  byRole('never reads prod processed/ output', 'Denied', 's3:GetObject', `arn:aws:s3:::${prod.dataBucket}/processed/run.json`, prod.accountId),
  ...lower.flatMap((view) => {
    const bucket = `arn:aws:s3:::${view.dataBucket}`;
    const resourcePolicy = view.bucketPolicy(view.dataBucket);
    return [
      byRole(`writes replicas under ${view.env.name}'s reference/, admitted by its bucket policy`, 'Allowed', 's3:ReplicateObject', `${bucket}/reference/currencies.csv`, view.accountId, { resourcePolicy }),
      byRole(`never writes ${view.env.name}'s transactions (raw/)`, 'Denied', 's3:ReplicateObject', `${bucket}/raw/2026/11/30/batch.csv`, view.accountId, { resourcePolicy }),
      byRole(`never puts objects in ${view.env.name}'s bucket`, 'Denied', 's3:PutObject', `${bucket}/reference/currencies.csv`, view.accountId, { resourcePolicy }),
      byRole(`never writes ${view.env.name}'s transaction table`, 'Denied', 'dynamodb:PutItem', `arn:aws:dynamodb:${view.region}:${view.accountId}:table/${view.tableName}`, view.accountId),
    ];
  }),
  ...lower.map(
    (view): SimulationCase => ({
      title: `${view.env.name}'s bucket policy admits no other principal of prod's account to its reference/`,
      expected: 'Denied',
      principal: OTHER_PROD_ROLE,
      action: 's3:ReplicateObject',
      resource: `arn:aws:s3:::${view.dataBucket}/reference/currencies.csv`,
      accountId: view.accountId,
      context: { ...https, 'aws:PrincipalArn': OTHER_PROD_ROLE, 'aws:PrincipalAccount': prod.accountId },
      identityPolicies: [{ name: 'anything', policy: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:*', Resource: '*' }] } }],
      resourcePolicy: view.bucketPolicy(view.dataBucket),
    }),
  ),
];

describe("prod's reference-replication role (IAM simulation): only the lower environments' reference/ prefix", () => {
  it('exists in prod only', () => {
    expect(prod.roleNames()).toContain(ROLE_NAME);
    for (const view of lower) expect(view.roleNames().filter((name) => name.includes('reference-replication'))).toEqual([]);
  });

  it.each(cases.map((c) => [c.title, c] as const))('%s', async (_title, c) => {
    const decision = await simulate(c);
    expect(satisfies(decision, c.expected), `${c.title}: expected ${c.expected}, got ${decision}`).toBe(true);
  });
});
