import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { Naming, type SharedConfig } from '@data-platform/config';
import { Aspects, S3Backend, TerraformOutput, TerraformStack } from 'cdktf';
import type { Construct } from 'constructs';
import { GovernanceAspect } from '../aspects/governance-aspect.js';
import { TaggingAspect } from '../aspects/tagging-aspect.js';
import { CrossEnvironmentDashboard } from '../observability/cross-environment-dashboard.js';
import { EncryptionKey } from '../security/encryption-key.js';
import { DeploymentRecord } from '../stack/deployment-record.js';
import { stateKey } from '../stack/environment-stack.js';
import { ConsoleRepository } from './console-repository.js';
import type { SharedOutputName } from './shared-outputs.js';

/**
 * DataPipeline-Shared-Stack (SPEC §1): what every environment shares, deployed first in the
 * promotion order. Environments read its outputs through remote state, never by naming convention.
 */
export class SharedStack extends TerraformStack {
  readonly naming: Naming;
  readonly consoleRepository: ConsoleRepository;
  readonly dashboard: CrossEnvironmentDashboard;

  constructor(scope: Construct, config: SharedConfig) {
    super(scope, config.stackName);
    this.naming = new Naming(config);
    new AwsProvider(this, 'aws', {
      region: config.region,
      allowedAccountIds: [config.accountId],
      defaultTags: [{ tags: { Environment: config.environment, CostCenter: config.costCenter, ManagedBy: 'terraform-cdktf', Project: config.project } }],
    });
    new S3Backend(this, { bucket: config.backend.bucket, region: config.backend.region, key: stateKey(config), encrypt: true });
    this.addOverride('terraform.backend.s3.use_lockfile', true);

    const key = new EncryptionKey(this, 'key', { naming: this.naming, accountId: config.accountId, region: config.region, services: ['ecr'], protection: config.protection });
    this.consoleRepository = new ConsoleRepository(this, 'console-repository', {
      naming: this.naming,
      kmsKeyArn: key.arn,
      keepImages: config.consoleRepository.keepImages,
      pullAccountIds: config.consoleRepository.pullAccountIds,
      protection: config.protection,
    });

    this.dashboard = new CrossEnvironmentDashboard(this, 'dashboard', {
      dashboardName: this.naming.name('generic', 'dashboard', 'environments'),
      project: config.project,
      region: config.region,
      environments: config.dashboardEnvironments,
    });

    const outputs: Record<SharedOutputName, string> = {
      console_repository_url: this.consoleRepository.repository.repositoryUrl,
      console_repository_arn: this.consoleRepository.repository.arn,
    };
    for (const [name, value] of Object.entries(outputs)) new TerraformOutput(this, name, { value });

    new DeploymentRecord(this, 'deployment', { naming: this.naming });
    Aspects.of(this).add(new TaggingAspect());
    Aspects.of(this).add(new GovernanceAspect({ environmentSuffix: config.environmentSuffix, protection: config.protection }));
  }
}
