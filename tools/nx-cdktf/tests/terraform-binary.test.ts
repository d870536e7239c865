import { describe, expect, it } from 'vitest';
import { missingBinaryMessage, parseVersion, resolveTerraform, versionProblem } from '../src/terraform-binary.mjs';
import { UserError } from '@data-platform/workspace';

describe('the Terraform binary', () => {
  it('reads Terraform and OpenTofu version banners', () => {
    expect(parseVersion('Terraform v1.11.4\non linux_amd64\n')).toEqual({ product: 'Terraform', version: '1.11.4' });
    expect(parseVersion('OpenTofu v1.10.2\non linux_arm64\n')).toEqual({ product: 'OpenTofu', version: '1.10.2' });
    expect(parseVersion('Python 3.12.1')).toBeUndefined();
  });

  it('requires the version that brought the S3 lock file (1.10)', () => {
    expect(versionProblem('terraform', { product: 'Terraform', version: '1.11.4' })).toBeUndefined();
    expect(versionProblem('tofu', { product: 'OpenTofu', version: '1.10.0' })).toBeUndefined();
    expect(versionProblem('terraform', { product: 'Terraform', version: '2.0.0' })).toBeUndefined();
    expect(versionProblem('terraform', { product: 'Terraform', version: '1.9.8' })).toBe(
      "terraform is Terraform 1.9.8; the S3 backend's use_lockfile needs Terraform >= 1.10.0",
    );
  });

  it('says what to install when the binary is missing, in one line', () => {
    expect(missingBinaryMessage('terraform', false)).toBe(
      "'terraform' was not found on PATH: install Terraform >= 1.10.0 (https://developer.hashicorp.com/terraform/install), or install OpenTofu and set TERRAFORM_BINARY=tofu",
    );
    expect(missingBinaryMessage('tofu', true)).toMatch(/^TERRAFORM_BINARY=tofu but 'tofu' was not found on PATH: install it \(OpenTofu: .*\) or unset TERRAFORM_BINARY/);
  });

  it('fails with that line, not a stack trace, when TERRAFORM_BINARY names nothing installed', () => {
    const attempt = () => resolveTerraform({ PATH: process.env['PATH'], TERRAFORM_BINARY: 'tofu-that-is-not-installed' });
    expect(attempt).toThrow(UserError);
    expect(attempt).toThrow(/^TERRAFORM_BINARY=tofu-that-is-not-installed but 'tofu-that-is-not-installed' was not found on PATH/);
  });
});
