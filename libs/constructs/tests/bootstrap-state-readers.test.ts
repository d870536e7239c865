import { findWorkspaceRoot } from '@data-platform/workspace';
import { loadBootstrapConfig, loadEnvironmentConfig, loadSharedConfig, type BootstrapConfig } from '@data-platform/config';
import { Testing } from 'cdktf';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BootstrapStack } from '../src/bootstrap/bootstrap-stack.js';
import { SynthesizedStack } from '../src/stack/synthesized-stack.js';

const ROOT = findWorkspaceRoot(import.meta.dirname);
const contextOf = (app: string) => (JSON.parse(readFileSync(join(ROOT, 'apps', app, 'cdktf.json'), 'utf8')) as { context: unknown }).context;
const synth = (config: BootstrapConfig) => new SynthesizedStack(JSON.parse(Testing.synth(new BootstrapStack(Testing.app(), config), true)));

type Statement = { Sid?: string; Effect: string; Principal?: { AWS?: unknown }; Action: string[] | string; Resource?: unknown; NotResource?: unknown; Condition?: Record<string, Record<string, unknown>> };
const statements = (text: unknown) => (JSON.parse(String(text)) as { Statement: Statement[] }).Statement;
const inlinePolicy = (stack: SynthesizedStack, name: string) => statements(stack.ofType('aws_iam_role_policy').find((p) => p.config['name'] === name)!.config['policy']);

const SHARED_KEY = 'myapp/shared/main/DataPipeline-Shared-Stack.tfstate';
const PROD_KEY = 'myapp/prod/main/DataPipeline-Prod-Stack.tfstate';
const base = {
  region: 'us-east-1',
  costCenter: 'cc-42',
  github: { owner: 'acme', repository: 'platform' },
};

describe('remote-state reads across accounts (bootstrap stateReads / stateReaders)', () => {
  // Staging's account reads the shared state and, for a clone, prod's: both live in the owner account's bucket.
  const reader = synth(
    loadBootstrapConfig({
      ...base,
      stackName: 'DataPipeline-Bootstrap-Staging-Stack',
      accountId: '222222222222',
      stateBucket: 'myapp-tfstate-222222222222',
      environments: ['staging'],
      previewEnvironment: 'staging',
      backend: { bucket: 'myapp-tfstate-222222222222', region: 'us-east-1' },
      stateReads: [SHARED_KEY, PROD_KEY].map((key) => ({ environment: 'staging', accountId: '333333333333', bucket: 'myapp-tfstate-333333333333', region: 'us-east-1', key })),
    }),
  );
  const owner = synth(
    loadBootstrapConfig({
      ...base,
      stackName: 'DataPipeline-Bootstrap-Prod-Stack',
      accountId: '333333333333',
      stateBucket: 'myapp-tfstate-333333333333',
      environments: ['prod', 'shared'],
      backend: { bucket: 'myapp-tfstate-333333333333', region: 'us-east-1' },
      stateReaders: [
        { key: SHARED_KEY, readers: [{ environment: 'dev', accountId: '111111111111' }, { environment: 'staging', accountId: '222222222222' }] },
        { key: PROD_KEY, readers: [{ environment: 'staging', accountId: '222222222222' }] },
      ],
    }),
  );
  const objects = [SHARED_KEY, PROD_KEY].map((key) => `arn:aws:s3:::myapp-tfstate-333333333333/${key}`);

  it.each(['plan', 'deploy', 'preview'])('lets the %s role GetObject exactly the read state objects and decrypt them only through S3 for that bucket', (kind) => {
    const policy = inlinePolicy(reader, `policy-bootstrap-github-${kind}-staging-222222222222`);
    expect(policy.find((s) => s.Sid === 'ReadOtherStates')).toEqual({ Sid: 'ReadOtherStates', Effect: 'Allow', Action: ['s3:GetObject'], Resource: objects });
    expect(policy.find((s) => s.Sid === 'OtherStateKeys')).toEqual({
      Sid: 'OtherStateKeys',
      Effect: 'Allow',
      Action: ['kms:Decrypt'],
      Resource: 'arn:aws:kms:us-east-1:333333333333:key/*',
      Condition: { StringEquals: { 'kms:ViaService': ['s3.us-east-1.amazonaws.com'], 'kms:EncryptionContext:aws:s3:arn': ['arn:aws:s3:::myapp-tfstate-333333333333'] } },
    });
  });

  it("keeps the plan role's data-read deny off those objects only", () => {
    const deny = inlinePolicy(reader, 'policy-bootstrap-github-plan-staging-222222222222').find((s) => s.Sid === 'NoDataReads')!;
    expect(deny.NotResource).toEqual([expect.stringMatching(/^\$\{aws_s3_bucket\.state_bucket_\w+\.arn\}\/\*$/), ...objects]);
  });

  it("admits each reader's CI roles, and no other principal of their accounts, to the one state key they read", () => {
    const policy = statements(owner.one('aws_s3_bucket_policy').config['policy']);
    const [shared, prod] = [policy.find((s) => s.Sid === 'StateReaders0')!, policy.find((s) => s.Sid === 'StateReaders1')!];
    expect(shared).toMatchObject({ Effect: 'Allow', Action: ['s3:GetObject'], Principal: { AWS: ['arn:aws:iam::111111111111:root', 'arn:aws:iam::222222222222:root'] } });
    expect(shared.Resource).toMatch(new RegExp(`\\.arn\\}/${SHARED_KEY}$`));
    expect(shared.Condition).toEqual({
      ArnEquals: {
        'aws:PrincipalArn': ['dev', 'staging'].flatMap((env) => {
          const account = env === 'dev' ? '111111111111' : '222222222222';
          return ['plan', 'deploy', 'preview'].map((kind) => `arn:aws:iam::${account}:role/role-bootstrap-github-${kind}-${env}-${account}`);
        }),
      },
    });
    expect(prod).toMatchObject({ Principal: { AWS: ['arn:aws:iam::222222222222:root'] }, Resource: expect.stringMatching(new RegExp(`/${PROD_KEY}$`)) });
    expect(policy.filter((s) => s.Effect === 'Allow').flatMap((s) => [s.Action].flat())).toEqual(['s3:GetObject', 's3:GetObject']);
  });

  it('lets those roles decrypt with the state key only through S3, for the state bucket, from their own accounts', () => {
    const key = statements(owner.one('aws_kms_key').config['policy']).find((s) => s.Sid === 'StateReaders')!;
    expect(key).toMatchObject({ Effect: 'Allow', Action: ['kms:Decrypt'], Principal: { AWS: ['arn:aws:iam::111111111111:root', 'arn:aws:iam::222222222222:root'] } });
    expect(key.Condition!['StringEquals']).toEqual({
      'kms:CallerAccount': ['111111111111', '222222222222'],
      'kms:ViaService': 's3.us-east-1.amazonaws.com',
      'kms:EncryptionContext:aws:s3:arn': 'arn:aws:s3:::myapp-tfstate-333333333333',
    });
    expect(key.Condition!['ArnEquals']!['aws:PrincipalArn']).toHaveLength(6);
  });

  it('gives a bootstrap without readers no bucket or key statement beyond its own', () => {
    expect(statements(reader.one('aws_s3_bucket_policy').config['policy']).map((s) => s.Sid ?? s.Effect)).not.toContain('StateReaders0');
    expect(statements(reader.one('aws_kms_key').config['policy']).map((s) => s.Sid)).not.toContain('StateReaders');
  });

  it('refuses a read by an environment the account does not host, and a same-account reader in stateReaders', () => {
    const prod = contextOf('infra-bootstrap-prod') as Record<string, unknown>;
    expect(() => loadBootstrapConfig({ ...prod, stateReads: [{ environment: 'dev', accountId: '333333333333', bucket: 'myapp-tfstate-333333333333', region: 'us-east-1', key: SHARED_KEY }] })).toThrow(
      /stateReads\.0\.environment: got "dev"; must be one of the environments of this account \(prod, shared\)/,
    );
    expect(() => loadBootstrapConfig({ ...prod, stateReaders: [{ key: SHARED_KEY, readers: [{ environment: 'prod', accountId: '333333333333' }] }] })).toThrow(
      /stateReaders\.0\.readers\.0\.accountId: got "333333333333"; must be another account/,
    );
  });
});

describe('the shipped bootstrap apps and the stacks they serve', () => {
  const bootstraps = readdirSync(join(ROOT, 'apps'))
    .filter((app) => app.startsWith('infra-bootstrap-'))
    .map((app) => loadBootstrapConfig(contextOf(app)));
  const stacks = [
    ...['dev', 'staging', 'prod'].map((env) => loadEnvironmentConfig(contextOf(`infra-${env}`))),
    loadSharedConfig(contextOf('infra-shared')),
  ];
  const bootstrapOf = (accountId: string) => bootstraps.find((b) => b.accountId === accountId)!;

  it.each(stacks.map((s) => [s.environment, s] as const))('bootstrap %s: its account has one bootstrap, whose bucket holds its state and which makes its CI roles', (_name, stack) => {
    expect(bootstraps.filter((b) => b.accountId === stack.accountId)).toHaveLength(1);
    const bootstrap = bootstrapOf(stack.accountId);
    expect(bootstrap.stateBucket).toBe(stack.backend.bucket);
    expect(bootstrap.environments).toContain(stack.environment);
  });

  it.each(stacks.map((s) => [s.environment, s] as const))("grant %s's CI roles exactly the remote states it reads, and the owners admit them", (_name, stack) => {
    const remoteStates = 'remoteStates' in stack ? Object.values(stack.remoteStates) : [];
    const reads = bootstrapOf(stack.accountId).stateReads.filter((read) => read.environment === stack.environment);
    expect(reads.map(({ bucket, region, key }) => ({ bucket, region, key }))).toEqual(remoteStates);
    for (const read of reads) {
      const owner = bootstrapOf(read.accountId);
      expect(owner.stateBucket).toBe(read.bucket);
      const readers = owner.stateReaders.find((entry) => entry.key === read.key)?.readers ?? [];
      if (read.accountId !== stack.accountId) expect(readers).toContainEqual({ environment: stack.environment, accountId: stack.accountId });
    }
  });

  it("output the plan and deploy role of every environment main.yml assumes (AWS_{PLAN,DEPLOY}_ROLE_ARN_<ENV>)", () => {
    const workflow = readFileSync(join(ROOT, '.github', 'workflows', 'main.yml'), 'utf8');
    const variables = [...new Set([...workflow.matchAll(/AWS_(PLAN|DEPLOY)_ROLE_ARN_([A-Z0-9_]+)/g)].map((m) => m[0]))];
    expect(variables).toEqual(expect.arrayContaining(['AWS_PLAN_ROLE_ARN_SHARED', 'AWS_DEPLOY_ROLE_ARN_SHARED']));
    const outputs = bootstraps.flatMap((b) => Object.keys(synth(b).outputs));
    for (const variable of variables) {
      const [, kind, environment] = /^AWS_(PLAN|DEPLOY)_ROLE_ARN_(.+)$/.exec(variable)!;
      expect(outputs, variable).toContain(`${kind!.toLowerCase()}-role-arn-${environment!.toLowerCase()}`);
    }
  });
});
