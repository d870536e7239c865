import { describeTerraformTier, synthesizedApp } from '@data-platform/testing';
import { describe, expect, it } from 'vitest';

describe('DataPipeline-Shared-Stack', () => {
  const stack = synthesizedApp('infra-shared');

  it('keeps its state under the shared key, with the native lock file, and refuses other accounts', () => {
    expect(stack.json.terraform?.['backend']).toEqual({
      s3: { bucket: 'myapp-tfstate-333333333333', key: 'myapp/shared/main/DataPipeline-Shared-Stack.tfstate', region: 'us-east-1', encrypt: true, use_lockfile: true },
    });
    expect(stack.providerConfig['allowed_account_ids']).toEqual(['333333333333']);
  });

  it("holds the console's repository: immutable tags, scan on push, KMS with the stack's key, protected from destroy", () => {
    const repository = stack.one('aws_ecr_repository').config;
    expect(repository).toMatchObject({
      name: 'ecr-shared-console-main',
      image_tag_mutability: 'IMMUTABLE',
      image_scanning_configuration: { scan_on_push: true },
      force_delete: false,
      lifecycle: { prevent_destroy: true },
    });
    expect(repository['encryption_configuration']).toEqual([{ encryption_type: 'KMS', kms_key: `\${aws_kms_key.${stack.one('aws_kms_key').id}.arn}` }]);
    expect(stack.one('aws_kms_key').config).toMatchObject({ enable_key_rotation: true, deletion_window_in_days: 30 });
  });

  it('expires all but the newest 30 images', () => {
    const policy = JSON.parse(String(stack.one('aws_ecr_lifecycle_policy').config['policy']));
    expect(policy.rules).toEqual([
      { rulePriority: 1, description: 'Keep the newest 30 images', selection: { tagStatus: 'any', countType: 'imageCountMoreThan', countNumber: 30 }, action: { type: 'expire' } },
    ]);
  });

  it("lets the environments' accounts pull, and nothing else", () => {
    const policy = JSON.parse(String(stack.one('aws_ecr_repository_policy').config['policy']));
    expect(policy.Statement).toEqual([
      {
        Sid: 'PullFromEnvironmentAccounts',
        Effect: 'Allow',
        Principal: { AWS: ['arn:aws:iam::111111111111:root', 'arn:aws:iam::222222222222:root', 'arn:aws:iam::333333333333:root'] },
        Action: ['ecr:BatchCheckLayerAvailability', 'ecr:BatchGetImage', 'ecr:GetDownloadUrlForLayer'],
      },
    ]);
  });

  it('outputs what the environments read through remote state', () => {
    expect(Object.keys(stack.json.output ?? {}).sort()).toEqual(['console_repository_arn', 'console_repository_url', 'deployment-record']);
    expect(stack.json.output?.['console_repository_url']?.value).toBe(`\${aws_ecr_repository.${stack.one('aws_ecr_repository').id}.repository_url}`);
  });
});

describeTerraformTier('infra-shared', { min: 6, byType: { aws_ecr_repository: 1, aws_ecr_lifecycle_policy: 1, aws_ecr_repository_policy: 1, aws_kms_key: 1 } });
