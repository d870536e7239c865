import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeWithTerraform } from '@data-platform/testing';
import { ensureDevSynth, noAwsEnv, privateWorkRoot, runTarget } from './support/workspace.js';

/** The whole stderr, asserted to be exactly one `error:` line with no stack trace. */
function oneErrorLine(stderr: string): string {
  const lines = stderr.trim().split('\n');
  expect(lines, stderr).toHaveLength(1);
  expect(lines[0]).toMatch(/^error: /);
  expect(stderr).not.toMatch(/\n\s+at /);
  return lines[0]!;
}

const workRoot = privateWorkRoot();
afterAll(() => rmSync(workRoot, { recursive: true, force: true }));

describe('terraform runner: problems that need no Terraform', () => {
  it('says what to install when terraform is not on PATH', () => {
    const emptyPath = mkdtempSync(join(tmpdir(), 'nx-cdktf-no-terraform-'));
    const result = runTarget(['validate', 'apps/infra-dev'], noAwsEnv({ PATH: emptyPath, NX_CDKTF_WORK_ROOT: workRoot }));
    rmSync(emptyPath, { recursive: true, force: true });
    expect(result.status).toBe(1);
    expect(oneErrorLine(result.stderr)).toBe(
      "error: 'terraform' was not found on PATH: install Terraform >= 1.10.0 (https://developer.hashicorp.com/terraform/install), or install OpenTofu and set TERRAFORM_BINARY=tofu",
    );
  });

  it('says so when TERRAFORM_BINARY names a binary that is not installed', () => {
    const result = runTarget(['plan', 'apps/infra-dev', '--offline'], noAwsEnv({ TERRAFORM_BINARY: 'tofu-not-installed', NX_CDKTF_WORK_ROOT: workRoot }));
    expect(result.status).toBe(1);
    expect(oneErrorLine(result.stderr)).toMatch(/^error: TERRAFORM_BINARY=tofu-not-installed but 'tofu-not-installed' was not found on PATH/);
  });

  it('refuses offline mode for anything but plan, unknown options and unknown commands, in one line', () => {
    expect(oneErrorLine(runTarget(['deploy', 'apps/infra-dev', '--offline'], noAwsEnv()).stderr)).toBe('error: deploy has no offline mode: only plan runs without AWS');
    expect(oneErrorLine(runTarget(['apply', 'apps/infra-dev'], noAwsEnv()).stderr)).toBe(
      'error: usage: terraform.mjs <validate|plan|deploy|destroy|drift> <app dir> [options]',
    );
    expect(oneErrorLine(runTarget(['drift', 'apps/infra-dev', '--force'], noAwsEnv()).stderr)).toBe('error: drift takes no options; got --force');
    expect(oneErrorLine(runTarget(['deploy', 'apps/infra-dev', '--plan-sha256=abc'], noAwsEnv()).stderr)).toBe(
      'error: --plan-sha256 must be the 64-hex-digit sha256 of the reviewed plan; got abc',
    );
  });
});

describeWithTerraform('terraform runner with real Terraform and no AWS credentials', () => {
  beforeAll(() => {
    ensureDevSynth();
  }, 120_000);

  const env = (extra: Record<string, string> = {}) => noAwsEnv({ NX_CDKTF_WORK_ROOT: workRoot, ...extra });
  const noCredentials =
    'error: no AWS credentials for dev: No valid credential sources found (use -c offline to plan without AWS: npx nx run infra-dev:plan -c offline)';

  it.each(['plan', 'deploy', 'destroy', 'drift'])('%s reports missing credentials in one line, never a stack trace', (command) => {
    const result = runTarget([command, 'apps/infra-dev'], env());
    expect(result.status).toBe(1);
    expect(oneErrorLine(result.stderr)).toBe(noCredentials);
  });

  it('drift leaves an error summary CI can publish', () => {
    runTarget(['drift', 'apps/infra-dev'], env());
    const summary = JSON.parse(readFileSync(join(workRoot, 'infra-dev', 'remote', 'drift-summary.json'), 'utf8'));
    expect(summary).toMatchObject({ project: 'infra-dev', environment: 'dev', stack: 'DataPipeline-Dev-Stack', status: 'error', exitCode: 1, error: noCredentials.slice('error: '.length) });
    expect(readFileSync(join(workRoot, 'infra-dev', 'remote', 'drift-summary.md'), 'utf8')).toContain('### infra-dev (dev): drift check failed');
  });

  it('deploy says what it will do before touching the state: prompt locally, auto-approve only when CI=true', () => {
    // Without credentials init fails before the deployed record can be read: nothing is applied.
    for (const ci of [{}, { CI: 'true' }]) {
      const result = runTarget(['deploy', 'apps/infra-dev'], env(ci));
      expect(result.stdout).toBe('');
      expect(oneErrorLine(result.stderr)).toBe(noCredentials);
    }
  });

  it('refuses to apply a reviewed plan that is not the saved one, before touching AWS', () => {
    const result = runTarget(['deploy', 'apps/infra-dev', `--plan-sha256=${'a'.repeat(64)}`], env({ CI: 'true' }));
    expect(result.status).toBe(1);
    expect(oneErrorLine(result.stderr)).toBe('error: refusing to deploy dev: the reviewed plan aaaaaaaaaaaa cannot be applied (no saved plan)');
  });

  it('runs whatever TERRAFORM_BINARY names, e.g. OpenTofu', () => {
    const bin = mkdtempSync(join(tmpdir(), 'nx-cdktf-tofu-'));
    const log = join(bin, 'calls.log');
    // A stand-in `tofu` that records its calls and hands them to Terraform (OpenTofu speaks the same CLI).
    writeFileSync(join(bin, 'tofu'), `#!/bin/sh\necho "$@" >> "${log}"\nexec terraform "$@"\n`);
    chmodSync(join(bin, 'tofu'), 0o755);
    try {
      const result = runTarget(['plan', 'apps/infra-dev'], env({ TERRAFORM_BINARY: 'tofu', PATH: `${bin}:${process.env['PATH']}` }));
      expect(oneErrorLine(result.stderr)).toBe(noCredentials);
      expect(existsSync(log)).toBe(true);
      expect(readFileSync(log, 'utf8').split('\n')).toEqual(['version', 'init -input=false -no-color', '']);
    } finally {
      rmSync(bin, { recursive: true, force: true });
    }
  });
});
