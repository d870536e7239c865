import { findWorkspaceRoot } from '@data-platform/workspace';
import { loadBootstrapConfig } from '@data-platform/config';
import { Testing } from 'cdktf';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BootstrapStack } from '../src/bootstrap/bootstrap-stack.js';
import { SynthesizedStack } from '../src/stack/synthesized-stack.js';

const ROOT = findWorkspaceRoot(import.meta.dirname);
const contextOf = (app: string) => (JSON.parse(readFileSync(join(ROOT, 'apps', app, 'cdktf.json'), 'utf8')) as { context: unknown }).context;

const config = loadBootstrapConfig({
  stackName: 'DataPipeline-Bootstrap-Test-Stack',
  accountId: '123456789012',
  region: 'eu-west-1',
  costCenter: 'cc-42',
  stateBucket: 'myapp-tfstate-123456789012',
  github: { owner: 'acme', repository: 'platform' },
  environments: ['dev', 'prod'],
  previewEnvironment: 'dev',
  backend: { bucket: 'myapp-tfstate-123456789012', region: 'eu-west-1' },
});
const stack = new SynthesizedStack(JSON.parse(Testing.synth(new BootstrapStack(Testing.app(), config), true)));

type Statement = { Sid?: string; Effect: string; Action: string[] | string; Resource?: unknown; NotResource?: unknown; Condition?: Record<string, Record<string, unknown>> };
const document = (text: unknown) => JSON.parse(String(text)) as { Statement: Statement[] };
const role = (name: string) => stack.ofType('aws_iam_role').find((r) => r.config['name'] === name)!;
const inlinePolicy = (name: string) => document(stack.ofType('aws_iam_role_policy').find((p) => p.config['name'] === name)!.config['policy']);
const attachments = (roleId: string) => stack.ofType('aws_iam_role_policy_attachment').filter((a) => String(a.config['role']).includes(roleId)).map((a) => a.config['policy_arn']);
const subjects = (roleName: string) => document(role(roleName).config['assume_role_policy']).Statement[0]!.Condition!['StringEquals']!['token.actions.githubusercontent.com:sub'];

describe('BootstrapStack', () => {
  it('keeps state in a versioned, KMS-encrypted, TLS-only, private bucket that is never destroyed', () => {
    expect(stack.one('aws_s3_bucket').config).toMatchObject({ bucket: 'myapp-tfstate-123456789012', force_destroy: false, lifecycle: { prevent_destroy: true } });
    expect(stack.one('aws_s3_bucket_versioning').config['versioning_configuration']).toEqual({ status: 'Enabled' });
    expect((stack.one('aws_s3_bucket_server_side_encryption_configuration').config['rule'] as unknown[])[0]).toMatchObject({
      apply_server_side_encryption_by_default: { sse_algorithm: 'aws:kms' },
    });
    expect(stack.one('aws_s3_bucket_public_access_block').config).toMatchObject({ block_public_acls: true, block_public_policy: true, ignore_public_acls: true, restrict_public_buckets: true });
    const tls = document(stack.one('aws_s3_bucket_policy').config['policy']).Statement[0]!;
    expect(tls).toMatchObject({ Effect: 'Deny', Action: ['s3:*'], Condition: { Bool: { 'aws:SecureTransport': false } } });
    const [rule] = stack.one('aws_s3_bucket_lifecycle_configuration').config['rule'] as Array<Record<string, unknown>>;
    expect(rule!['noncurrent_version_expiration']).toEqual([{ noncurrent_days: 90 }]);
    expect(stack.one('aws_kms_key').config).toMatchObject({ enable_key_rotation: true, deletion_window_in_days: 30 });
  });

  it("creates GitHub's OIDC provider for the sts.amazonaws.com audience and locks the provider to the account", () => {
    expect(stack.one('aws_iam_openid_connect_provider').config).toMatchObject({ url: 'https://token.actions.githubusercontent.com', client_id_list: ['sts.amazonaws.com'] });
    expect(stack.providerConfig['allowed_account_ids']).toEqual(['123456789012']);
  });

  it('trusts plan roles for pull requests and main only, deploy roles only for their GitHub environment', () => {
    expect(subjects('role-bootstrap-github-plan-prod-123456789012')).toEqual(['repo:acme/platform:pull_request', 'repo:acme/platform:ref:refs/heads/main']);
    expect(subjects('role-bootstrap-github-deploy-prod-123456789012')).toEqual(['repo:acme/platform:environment:prod']);
    expect(subjects('role-bootstrap-github-preview-dev-123456789012')).toEqual(['repo:acme/platform:environment:preview']);
    const trust = document(role('role-bootstrap-github-deploy-prod-123456789012').config['assume_role_policy']).Statement[0]!;
    expect(trust).toMatchObject({ Action: ['sts:AssumeRoleWithWebIdentity'], Condition: { StringEquals: { 'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com' } } });
  });

  it('lets a plan role read, and write nothing but its own lock file', () => {
    const policy = inlinePolicy('policy-bootstrap-github-plan-prod-123456789012');
    const allowed = policy.Statement.filter((s) => s.Effect === 'Allow');
    const mutating = allowed.flatMap((s) => [s.Action].flat()).filter((a) => /:(Put|Delete|Create|Update)/.test(a));
    expect(mutating.sort()).toEqual(['s3:DeleteObject', 's3:PutObject']);
    expect(allowed.find((s) => s.Sid === 'StateLock')!.Resource).toBe('${aws_s3_bucket.state_bucket_803B4E61.arn}/myapp/prod/*.tflock');
    expect(allowed.find((s) => s.Sid === 'ReadState')!.Resource).toMatch(/\/myapp\/prod\/\*$/);
    const deny = policy.Statement.find((s) => s.Sid === 'NoDataReads')!;
    expect(deny).toMatchObject({ Effect: 'Deny', NotResource: expect.stringMatching(/state_bucket.*\/\*$/) });
    expect(deny.Action).toEqual(expect.arrayContaining(['s3:GetObject', 'dynamodb:GetItem', 'secretsmanager:GetSecretValue']));
  });

  it("confines a deploy role's IAM rights to its environment's roles and its state to its own keys", () => {
    const prod = inlinePolicy('policy-bootstrap-github-deploy-prod-123456789012');
    expect(prod.Statement.find((s) => s.Sid === 'StackRoles')!.Resource).toBe('arn:aws:iam::123456789012:role/role-prod-*');
    expect(prod.Statement.find((s) => s.Sid === 'ReadWriteState')!.Resource).toMatch(/\/myapp\/prod\/\*$/);
    const preview = inlinePolicy('policy-bootstrap-github-preview-dev-123456789012');
    expect(preview.Statement.find((s) => s.Sid === 'StackRoles')!.Resource).toBe('arn:aws:iam::123456789012:role/role-dev-*-pr*');
    expect(preview.Statement.find((s) => s.Sid === 'ReadWriteState')!.Resource).toMatch(/\/myapp\/dev\/pr\*$/);
    // Bootstrap roles are named role-bootstrap-*: no deploy role can rewrite its own trust.
    for (const r of stack.ofType('aws_iam_role')) expect(String(r.config['name'])).toMatch(/^role-bootstrap-/);
  });

  it('attaches AWS ReadOnlyAccess to plan roles and PowerUserAccess (no IAM) to deploy roles', () => {
    const byArn = stack.ofType('aws_iam_role_policy_attachment').map((a) => a.config['policy_arn']).sort();
    expect(byArn).toEqual([
      'arn:aws:iam::aws:policy/PowerUserAccess',
      'arn:aws:iam::aws:policy/PowerUserAccess',
      'arn:aws:iam::aws:policy/PowerUserAccess',
      'arn:aws:iam::aws:policy/ReadOnlyAccess',
      'arn:aws:iam::aws:policy/ReadOnlyAccess',
    ]);
    expect(attachments('github-prod_plan-role')).toEqual(['arn:aws:iam::aws:policy/ReadOnlyAccess']);
  });
});

describe('the shipped bootstrap apps', () => {
  it('refuses a preview environment the account does not host', () => {
    expect(() => loadBootstrapConfig({ ...(contextOf('infra-bootstrap-prod') as object), previewEnvironment: 'dev' })).toThrow(/previewEnvironment: got "dev"; must be one of the environments of this account \(prod, shared\)/);
  });
});
