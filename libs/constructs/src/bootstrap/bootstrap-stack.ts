import { IamOpenidConnectProvider } from '@cdktf/provider-aws/lib/iam-openid-connect-provider';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import type { BootstrapConfig } from '@data-platform/config';
import { Aspects, S3Backend, TerraformOutput, TerraformStack } from 'cdktf';
import type { Construct } from 'constructs';
import { GovernanceAspect } from '../aspects/governance-aspect.js';
import { suppressRule } from '../aspects/suppressions.js';
import { TaggingAspect } from '../aspects/tagging-aspect.js';
import { EncryptionKey } from '../security/encryption-key.js';
import { DeploymentRecord } from '../stack/deployment-record.js';
import { GithubDeploymentRoles } from './github-deployment-roles.js';
import { GITHUB_OIDC_HOST } from './github-trust.js';
import { StateBucket } from './state-bucket.js';
import { bootstrapNaming, stateReaderBucketStatements, stateReaderKeyStatement } from './state-readers.js';

/**
 * One AWS account, prepared once by an administrator (SPEC §4): the Terraform state bucket and its
 * key, GitHub's OIDC provider, and per environment a read-only plan role and a deploy role. Its
 * own state, like everything it holds, is protected: nothing here is meant to be destroyed.
 */
export class BootstrapStack extends TerraformStack {
  readonly stateBucket: StateBucket;
  readonly roles: Record<string, GithubDeploymentRoles>;

  constructor(scope: Construct, config: BootstrapConfig) {
    super(scope, config.stackName);
    const naming = bootstrapNaming(config.project, config.accountId);
    new AwsProvider(this, 'aws', {
      region: config.region,
      allowedAccountIds: [config.accountId],
      defaultTags: [{ tags: { Environment: 'bootstrap', CostCenter: config.costCenter, ManagedBy: 'terraform-cdktf', Project: config.project } }],
    });
    new S3Backend(this, {
      bucket: config.backend.bucket,
      region: config.backend.region,
      key: `${config.project}/bootstrap/${config.accountId}/${config.stackName}.tfstate`,
      encrypt: true,
    });
    this.addOverride('terraform.backend.s3.use_lockfile', true);

    const key = new EncryptionKey(this, 'state-key', { naming, accountId: config.accountId, region: config.region, services: ['s3'], protection: true });
    this.stateBucket = new StateBucket(this, 'state', {
      bucketName: config.stateBucket,
      kmsKeyArn: key.arn,
      noncurrentVersionDays: config.stateNoncurrentVersionDays,
      admit: (bucketArn) => stateReaderBucketStatements(config.project, bucketArn, config.stateReaders),
    });
    // Readers in other accounts decrypt the one state they read through S3 (the bucket policy names the object).
    const readersKeyUse = stateReaderKeyStatement(config.project, config.region, `arn:aws:s3:::${config.stateBucket}`, config.stateReaders);
    if (readersKeyUse) key.admit(readersKeyUse);
    suppressRule(
      this.stateBucket.bucket,
      's3-access-logging',
      'Not logged yet: the bootstrap stack has no access-log bucket (AccessLogBucket is ready for it); only the GitHub plan and deploy roles can reach the state',
    );

    const oidcProviderArn = `arn:aws:iam::${config.accountId}:oidc-provider/${GITHUB_OIDC_HOST}`;
    if (config.createOidcProvider) {
      new IamOpenidConnectProvider(this, 'github-oidc', {
        url: `https://${GITHUB_OIDC_HOST}`,
        clientIdList: ['sts.amazonaws.com'],
        tags: { Name: naming.name('generic', 'oidc', 'github') },
      });
    }

    this.roles = Object.fromEntries(
      config.environments.map((environment) => [
        environment,
        new GithubDeploymentRoles(this, `github-${environment}`, {
          naming,
          accountId: config.accountId,
          project: config.project,
          environment,
          repository: config.github,
          oidcProviderArn,
          stateBucketArn: this.stateBucket.bucket.arn,
          stateKeyArn: key.arn,
          region: config.region,
          preview: config.previewEnvironment === environment,
          stateReads: config.stateReads.filter((read) => read.environment === environment),
        }),
      ]),
    );

    new TerraformOutput(this, 'state-bucket', { value: this.stateBucket.bucket.bucket });
    for (const [environment, roles] of Object.entries(this.roles)) {
      new TerraformOutput(this, `plan-role-arn-${environment}`, { value: roles.planRole.arn });
      new TerraformOutput(this, `deploy-role-arn-${environment}`, { value: roles.deployRole.arn });
      if (roles.previewRole) new TerraformOutput(this, `preview-role-arn-${environment}`, { value: roles.previewRole.arn });
    }

    // Every stack the runner deploys carries the record it reads to skip an unchanged synth.
    new DeploymentRecord(this, 'deployment', { naming });

    Aspects.of(this).add(new TaggingAspect());
    Aspects.of(this).add(new GovernanceAspect({ environmentSuffix: config.accountId, protection: true }));
  }
}
