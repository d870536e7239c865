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

  it('puts dev, staging and prod side by side on one dashboard, each line read from its own account', () => {
    const dashboard = stack.one('aws_cloudwatch_dashboard').config;
    expect(dashboard['dashboard_name']).toBe('dashboard-shared-environments-main');
    const body = JSON.parse(String(dashboard['dashboard_body'])) as { widgets: Array<{ properties: { title: string; metrics: unknown[][] } }> };
    expect(body.widgets.map((w) => w.properties.title)).toEqual(['Pipeline failures', 'Pipeline duration p95 (ms)', 'Rows processed', 'Dead-letter queue depth', 'Console ALB 5xx']);
    for (const widget of body.widgets) {
      expect(widget.properties.metrics.map((line) => line.at(-1))).toEqual([
        expect.objectContaining({ label: 'dev', accountId: '111111111111' }),
        expect.objectContaining({ label: 'staging', accountId: '222222222222' }),
        expect.objectContaining({ label: 'prod', accountId: '333333333333' }),
      ]);
    }
    expect(body.widgets[0]!.properties.metrics[2]).toContain('arn:aws:states:us-east-1:333333333333:stateMachine:sfn-prod-pipeline-main');
  });

  it('outputs what the environments read through remote state', () => {
    expect(Object.keys(stack.json.output ?? {}).sort()).toEqual(['console_repository_arn', 'console_repository_url', 'deployment-record']);
    expect(stack.json.output?.['console_repository_url']?.value).toBe(`\${aws_ecr_repository.${stack.one('aws_ecr_repository').id}.repository_url}`);
  });
});

describeTerraformTier('infra-shared', { min: 6, byType: { aws_cloudwatch_dashboard: 1, aws_ecr_repository: 1, aws_ecr_lifecycle_policy: 1, aws_ecr_repository_policy: 1, aws_kms_key: 1 } });
