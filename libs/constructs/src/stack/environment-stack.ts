import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { SsmParameter } from '@cdktf/provider-aws/lib/ssm-parameter';
import { Naming, SHARED_STATE, type EnvironmentConfig } from '@data-platform/config';
import { Aspects, S3Backend, TerraformOutput, TerraformStack } from 'cdktf';
import type { Construct } from 'constructs';
import { GovernanceAspect } from '../aspects/governance-aspect.js';
import { TaggingAspect } from '../aspects/tagging-aspect.js';
import { StatusService } from '../api/status-service.js';
import { DataPipeline, type PipelineArtifacts } from '../data-pipeline.js';
import { AuroraDatabase } from '../database/aurora-database.js';
import { Network } from '../network/network.js';
import { gatewayEndpointAccess } from '../network/gateway-endpoint-access.js';
import { Observability } from '../observability/observability.js';
import { PipelineConsole } from '../service/pipeline-console.js';
import { EncryptionKey } from '../security/encryption-key.js';
import { SHARED_OUTPUTS, type SharedOutputName } from '../shared/shared-outputs.js';
import { DeploymentRecord } from './deployment-record.js';
import { ENVIRONMENT_STATE_OUTPUTS, type EnvironmentStateOutputName } from './environment-outputs.js';
import { RemoteStackState } from './remote-stack-state.js';
import { referenceDataReplication, type ReferenceData } from '../reference/reference-data-replication.js';

/**
 * Tag keys every resource carries (SPEC §3.8): values that do not change from commit to commit, so
 * a plan shows only real changes. The deployed git SHA lives in the {@link DeploymentRecord}.
 */
export const REQUIRED_TAG_KEYS = ['Environment', 'CostCenter', 'ManagedBy', 'Project'] as const;

/**
 * Where the state of an environment lives: `{project}/{env}/{suffix}/{stack}.tfstate`. The suffix
 * keeps a preview environment (`ENVIRONMENT_SUFFIX=pr123`) out of the state it was cut from.
 */
export function stateKey(config: Pick<EnvironmentConfig, 'project' | 'environment' | 'environmentSuffix' | 'stackName'>): string {
  return `${config.project}/${config.environment}/${config.environmentSuffix}/${config.stackName}.tfstate`;
}

/**
 * One environment of the platform. Every environment instantiates this same class; only the
 * validated config differs, so topology is identical by construction.
 */
export class EnvironmentStack extends TerraformStack {
  readonly naming: Naming;
  readonly network: Network;
  readonly pipeline: DataPipeline;
  readonly database: AuroraDatabase;
  readonly status: StatusService;
  readonly console: PipelineConsole;
  readonly observability: Observability;
  readonly deploymentRecord: DeploymentRecord;
  /** The reference table, and this environment's side of reference-data replication (SPEC §3.11). */
  readonly referenceData: ReferenceData;
  /** DataPipeline-Shared-Stack's outputs (its state is `remoteStates.shared`, which the schema requires). */
  readonly shared: RemoteStackState<SharedOutputName>;

  constructor(scope: Construct, config: EnvironmentConfig, artifacts: PipelineArtifacts) {
    super(scope, config.stackName);
    this.naming = new Naming(config);
    const { naming } = this;

    new AwsProvider(this, 'aws', {
      region: config.region,
      // Credentials of any other account fail before anything is read or changed.
      allowedAccountIds: [config.accountId],
      defaultTags: [
        {
          tags: {
            Environment: config.environment,
            CostCenter: config.costCenter,
            ManagedBy: 'terraform-cdktf',
            Project: config.project,
          },
        },
      ],
    });
    new S3Backend(this, {
      bucket: config.backend.bucket,
      region: config.backend.region,
      key: stateKey(config),
      encrypt: true,
    });
    // Native S3 lock file (Terraform >= 1.10); cdktf 0.21's S3Backend does not expose the flag yet.
    this.addOverride('terraform.backend.s3.use_lockfile', true);

    const arnScope = { region: config.region, accountId: config.accountId };
    const key = new EncryptionKey(this, 'key', {
      naming,
      accountId: config.accountId,
      region: config.region,
      protection: config.protection,
    });
    this.network = new Network(this, 'network', {
      naming,
      arnScope,
      config: config.network,
      kmsKeyArn: key.arn,
      flowLogRetentionDays: config.logs.retentionDays,
    });
    const privateSubnetIds = this.network.privateSubnets.map((subnet) => subnet.id);
    this.shared = new RemoteStackState(this, 'shared', { location: config.remoteStates[SHARED_STATE]!, outputs: SHARED_OUTPUTS });
    // The schema requires remoteStates[cloneFrom] whenever cloneFrom is set.
    const cloneSourceState = config.database.cloneFrom ? config.remoteStates[config.database.cloneFrom] : undefined;
    const cloneSource = cloneSourceState
      ? new RemoteStackState<EnvironmentStateOutputName>(this, `${config.database.cloneFrom}-state`, { location: cloneSourceState, outputs: ENVIRONMENT_STATE_OUTPUTS })
      : undefined;

    this.database = new AuroraDatabase(this, 'database', {
      naming,
      arnScope,
      config: config.database,
      kmsKeyArn: key.arn,
      vpcId: this.network.vpc.id,
      privateSubnetIds,
      logRetentionDays: config.logs.retentionDays,
      protection: config.protection,
      ...(cloneSource ? { cloneSourceArn: cloneSource.getString('database-cluster-arn') } : {}),
    });
    this.pipeline = new DataPipeline(this, 'pipeline', {
      naming,
      arnScope,
      kmsKeyArn: key.arn,
      lambda: config.lambda,
      processing: config.processing,
      bucket: config.bucket,
      table: config.table,
      logs: config.logs,
      alerts: config.alerts,
      protection: config.protection,
      artifacts,
      privateSubnetIds,
      lambdaSecurityGroupIds: [this.network.lambdaSecurityGroup.id],
      database: this.database,
    });
    this.status = new StatusService(this, 'status', {
      naming,
      arnScope,
      api: config.api,
      lambda: config.lambda,
      logs: config.logs,
      kmsKeyArn: key.arn,
      zipPath: artifacts.handlerZips['status-api'],
      layerArns: [this.pipeline.layer.layer.arn],
      subnetIds: privateSubnetIds,
      lambdaSecurityGroupIds: [this.network.lambdaSecurityGroup.id],
      tableArn: this.pipeline.table.table.arn,
      tableName: this.pipeline.table.table.name,
      database: this.database,
    });
    // EventBridge encrypts undeliverable events into the KMS-encrypted DLQ, for the pipeline's rule only.
    key.allowServiceUse({
      sid: 'EventBridgeDeadLetters',
      service: 'events.amazonaws.com',
      actions: ['kms:Decrypt', 'kms:GenerateDataKey'],
      sourceArns: [this.pipeline.trigger.rule.arn],
    });
    this.console = new PipelineConsole(this, 'console', {
      naming,
      arnScope,
      environment: config.environment,
      config: config.service,
      repository: { url: this.shared.getString('console_repository_url'), arn: this.shared.getString('console_repository_arn') },
      vpcCidr: config.network.vpcCidr,
      kmsKeyArn: key.arn,
      logRetentionDays: config.logs.retentionDays,
      protection: config.protection,
      network: this.network,
      pipeline: this.pipeline,
      database: this.database,
    });
    this.network.limitGatewayEndpoints(gatewayEndpointAccess(this.pipeline, config.accountId, config.region));
    this.observability = new Observability(this, 'observability', {
      naming,
      arnScope,
      thresholds: config.alarms,
      pipeline: this.pipeline,
      console: this.console,
      status: this.status,
      database: this.database,
    });
    // Alarms publish to the KMS-encrypted alert topic; CloudWatch needs the key for exactly those alarms.
    key.allowServiceUse({
      sid: 'CloudWatchAlarms',
      service: 'cloudwatch.amazonaws.com',
      actions: ['kms:Decrypt', 'kms:GenerateDataKey'],
      sourceArns: this.observability.alarms.alarmArns,
    });
    this.referenceData = referenceDataReplication(this, {
      naming,
      arnScope,
      config: config.referenceData,
      bucket: this.pipeline.bucket,
      key,
      protection: config.protection,
      tracing: config.lambda.tracing,
      logRetentionDays: config.logs.retentionDays,
    });
    const { items } = this.referenceData;
    if (items) this.observability.alarms.watchDeadLetters('reference-items-dlq-messages', items.deadLetterQueueName, 'failed reference-item batches', items);

    this.exportOutputs({
      'console-repository-url': this.shared.getString('console_repository_url'),
      'vpc-id': this.network.vpc.id,
      'bucket-name': this.pipeline.bucket.bucket.bucket,
      'table-name': this.pipeline.table.table.name,
      'alert-topic-arn': this.pipeline.alertTopic.topic.arn,
      'events-topic-arn': this.pipeline.eventsTopic.topic.arn,
      'state-machine-arn': this.pipeline.stateMachine.stateMachine.arn,
      'database-endpoint': this.database.cluster.endpoint,
      'database-cluster-arn': this.database.cluster.arn,
      'api-url': this.status.api.url,
      'console-url': `https://${naming.hostName('console', config.service.domainName)}`,
      'dashboard-name': this.observability.dashboard.dashboard.dashboardName,
    });

    // Last, so it waits for everything above.
    this.deploymentRecord = new DeploymentRecord(this, 'deployment', { naming });

    Aspects.of(this).add(new TaggingAspect());
    Aspects.of(this).add(new GovernanceAspect({ environmentSuffix: config.environmentSuffix, protection: config.protection }));
  }

  /** Each value becomes a Terraform output and an SSM parameter under `/{project}/{env}/{suffix}/outputs/`. */
  private exportOutputs(outputs: Record<string, string>): void {
    for (const [name, value] of Object.entries(outputs)) {
      new TerraformOutput(this, name, { value });
      new SsmParameter(this, `output-${name}`, {
        name: this.naming.parameterPath('outputs', name),
        type: 'String',
        value,
        description: `Stack output ${name}`,
      });
    }
  }
}
