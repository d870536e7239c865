import { findWorkspaceRoot } from '@data-platform/workspace';
import { loadBootstrapConfig, type BootstrapConfig } from '@data-platform/config';
import { Testing } from 'cdktf';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BootstrapStack } from '../../src/bootstrap/bootstrap-stack.js';
import { SynthesizedStack } from '../../src/stack/synthesized-stack.js';
import { requestByRole, satisfies, simulate, type SimulationCase } from './simulate.js';

const ROOT = findWorkspaceRoot(import.meta.dirname);

/** One shipped bootstrap app, synthesized, with its bucket and key references made concrete. */
function bootstrap(environment: string) {
  const config: BootstrapConfig = loadBootstrapConfig((JSON.parse(readFileSync(join(ROOT, 'apps', `infra-bootstrap-${environment}`, 'cdktf.json'), 'utf8')) as { context: unknown }).context);
  const text = Testing.synth(new BootstrapStack(Testing.app(), config), true)
    .replace(/\$\{aws_s3_bucket\.[\w-]+\.arn\}/g, `arn:aws:s3:::${config.stateBucket}`)
    .replace(/\$\{aws_kms_key\.[\w-]+\.arn\}/g, `arn:aws:kms:${config.region}:${config.accountId}:key/state-key`);
  const stack = new SynthesizedStack(JSON.parse(text));
  const document = (value: unknown) => JSON.parse(String(value)) as object;
  return {
    config,
    bucket: `arn:aws:s3:::${config.stateBucket}`,
    key: `arn:aws:kms:${config.region}:${config.accountId}:key/state-key`,
    bucketPolicy: document(stack.one('aws_s3_bucket_policy').config['policy']),
    keyPolicy: document(stack.one('aws_kms_key').config['policy']),
    roleArn: (kind: string, env: string) => `arn:aws:iam::${config.accountId}:role/role-bootstrap-github-${kind}-${env}-${config.accountId}`,
    /** The role's inline policy and what it attaches: ReadOnlyAccess reduced to the part that matters here (any S3 read). */
    identityPolicies: (kind: string, env: string) => [
      { name: 'inline', policy: document(stack.ofType('aws_iam_role_policy').find((p) => p.config['name'] === `policy-bootstrap-github-${kind}-${env}-${config.accountId}`)!.config['policy']) },
      ...(kind === 'plan' ? [{ name: 'ReadOnlyAccess (S3 part)', policy: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['s3:Get*', 's3:List*'], Resource: '*' }] } }] : []),
    ],
  };
}

const [dev, staging, prod] = ['dev', 'staging', 'prod'].map(bootstrap) as [ReturnType<typeof bootstrap>, ReturnType<typeof bootstrap>, ReturnType<typeof bootstrap>];
const SHARED_STATE = 'myapp/shared/main/DataPipeline-Shared-Stack.tfstate';
const PROD_STATE = 'myapp/prod/main/DataPipeline-Prod-Stack.tfstate';

/** A request by an environment's CI role against prod's account (the state bucket or its key). */
function byRole(title: string, expected: SimulationCase['expected'], from: ReturnType<typeof bootstrap>, kind: string, env: string, action: string, resource: string, context: Record<string, string> = {}): SimulationCase {
  const resourcePolicy = action.startsWith('kms:') ? prod.keyPolicy : prod.bucketPolicy;
  return requestByRole({ title, expected, roleArn: from.roleArn(kind, env), action, resource, accountId: prod.config.accountId, context, identityPolicies: from.identityPolicies(kind, env), resourcePolicy });
}

const throughS3 = (caller: ReturnType<typeof bootstrap>) => ({ 'kms:ViaService': 's3.us-east-1.amazonaws.com', 'kms:CallerAccount': caller.config.accountId, 'kms:EncryptionContext:aws:s3:arn': prod.bucket });

const cases: SimulationCase[] = [
  ...[dev, staging].flatMap((reader) => {
    const env = reader === dev ? 'dev' : 'staging';
    return [
      byRole(`${env}'s plan role reads the shared state`, 'Allowed', reader, 'plan', env, 's3:GetObject', `${prod.bucket}/${SHARED_STATE}`),
      byRole(`${env}'s deploy role reads the shared state`, 'Allowed', reader, 'deploy', env, 's3:GetObject', `${prod.bucket}/${SHARED_STATE}`),
      byRole(`${env}'s plan role decrypts it with the state key through S3`, 'Allowed', reader, 'plan', env, 'kms:Decrypt', prod.key, throughS3(reader)),
      byRole(`${env}'s plan role never uses the state key outside S3`, 'Denied', reader, 'plan', env, 'kms:Decrypt', prod.key, { 'kms:CallerAccount': reader.config.accountId, 'kms:EncryptionContext:aws:s3:arn': prod.bucket }),
      byRole(`${env}'s plan role never writes the shared state`, 'Denied', reader, 'plan', env, 's3:PutObject', `${prod.bucket}/${SHARED_STATE}`),
      byRole(`${env}'s deploy role never writes the shared state`, 'Denied', reader, 'deploy', env, 's3:PutObject', `${prod.bucket}/${SHARED_STATE}`),
      byRole(`${env}'s plan role never reads prod's state (no clone configured)`, 'Denied', reader, 'plan', env, 's3:GetObject', `${prod.bucket}/${PROD_STATE}`),
      byRole(`${env}'s plan role never lists prod's state bucket`, 'Denied', reader, 'plan', env, 's3:ListBucket', prod.bucket),
    ];
  }),
  byRole("prod's plan role reads the shared state in its own account", 'Allowed', prod, 'plan', 'prod', 's3:GetObject', `${prod.bucket}/${SHARED_STATE}`),
  byRole("shared's deploy role writes only its own state", 'Allowed', prod, 'deploy', 'shared', 's3:PutObject', `${prod.bucket}/${SHARED_STATE}`),
  byRole("shared's deploy role never writes prod's state", 'Denied', prod, 'deploy', 'shared', 's3:PutObject', `${prod.bucket}/${PROD_STATE}`),
  requestByRole({
    title: "no other principal of dev's account reads the shared state, whatever its own policy allows",
    expected: 'Denied',
    roleArn: 'arn:aws:iam::111111111111:role/role-dev-lambda-transform-main',
    action: 's3:GetObject',
    resource: `${prod.bucket}/${SHARED_STATE}`,
    accountId: prod.config.accountId,
    identityPolicies: [{ name: 'anything', policy: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:*', Resource: '*' }] } }],
    resourcePolicy: prod.bucketPolicy,
  }),
];

describe('remote-state reads across accounts (IAM simulation of the shipped bootstrap apps)', () => {
  it.each(cases.map((c) => [c.title, c] as const))('%s', async (_title, c) => {
    const decision = await simulate(c);
    expect(satisfies(decision, c.expected), `${c.title}: expected ${c.expected}, got ${decision}`).toBe(true);
  });
});
