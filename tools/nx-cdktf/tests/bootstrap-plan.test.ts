import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeWithTerraform } from '@data-platform/testing';
import { WORKSPACE_ROOT, noAwsEnv, nx, privateWorkRoot, runTarget } from './support/workspace.js';

// The bootstrap app of the dev account, through the same runner as the environments.
describeWithTerraform('infra-bootstrap-dev with real Terraform', () => {
  const workRoot = privateWorkRoot();
  const env = noAwsEnv({ NX_CDKTF_WORK_ROOT: workRoot });
  beforeAll(() => {
    if (!existsSync(join(WORKSPACE_ROOT, 'dist', 'cdktf', 'infra-bootstrap-dev', 'stacks'))) nx(['run', 'infra-bootstrap-dev:synth', '--outputStyle=static']);
  }, 120_000);
  afterAll(() => rmSync(workRoot, { recursive: true, force: true }));

  it('passes terraform validate', () => {
    const result = runTarget(['validate', 'apps/infra-bootstrap-dev'], env);
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toContain('The configuration is valid');
  }, 180_000);

  it('plans the state bucket, the OIDC provider and the dev plan, deploy and preview roles offline', () => {
    const result = runTarget(['plan', 'apps/infra-bootstrap-dev', '--offline'], env);
    expect(result.status, result.stderr).toBe(0);
    const summary = JSON.parse(readFileSync(join(workRoot, 'infra-bootstrap-dev', 'offline', 'plan-summary.json'), 'utf8')) as {
      add: number;
      change: number;
      destroy: number;
      byType: Record<string, { add: number }>;
    };
    expect(summary).toMatchObject({ change: 0, destroy: 0 });
    expect(summary.byType['aws_s3_bucket']?.add).toBe(1);
    expect(summary.byType['aws_iam_openid_connect_provider']?.add).toBe(1);
    expect(summary.byType['aws_iam_role']?.add).toBe(3);
  }, 300_000);
});
