import type { Naming, ServiceConfig } from '@data-platform/config';
import { Construct } from 'constructs';
import type { DataPipeline } from '../data-pipeline.js';
import { DATA_PREFIXES } from '../data-pipeline.js';
import type { ArnScope } from '../iam/arns.js';
import { DATABASE_USERS, type AuroraDatabase } from '../database/aurora-database.js';
import type { Network } from '../network/network.js';
import { ConsoleLoadBalancer, LOAD_BALANCER_LOG_PREFIX } from './console-load-balancer.js';
import { ConsoleService, type ConsoleImageRepository } from './console-service.js';

export interface PipelineConsoleProps {
  readonly naming: Naming;
  readonly arnScope: ArnScope;
  readonly environment: string;
  readonly config: ServiceConfig;
  /** The shared stack's ECR repository holding the console image. */
  readonly repository: ConsoleImageRepository;
  readonly vpcCidr: string;
  readonly kmsKeyArn: string;
  readonly logRetentionDays: number;
  readonly protection: boolean;
  readonly network: Network;
  /** The pipeline whose run store the console shows and whose access-log bucket takes the load balancer's logs. */
  readonly pipeline: DataPipeline;
  /** The database the balances page reads, as its `reader` user. */
  readonly database: AuroraDatabase;
}

/** SPEC §3.5: the console service and the load balancer in front of it, wired to the pipeline's run store. */
export class PipelineConsole extends Construct {
  readonly loadBalancer: ConsoleLoadBalancer;
  readonly service: ConsoleService;

  constructor(scope: Construct, id: string, props: PipelineConsoleProps) {
    super(scope, id);
    const { naming, network, pipeline, config } = props;
    props.pipeline.accessLogs.acceptLoadBalancerLogs(LOAD_BALANCER_LOG_PREFIX, props.arnScope.accountId, props.arnScope.region);
    this.loadBalancer = new ConsoleLoadBalancer(this, 'load-balancer', {
      naming,
      vpcId: network.vpc.id,
      publicSubnetIds: network.publicSubnets.map((subnet) => subnet.id),
      hostName: naming.hostName('console', config.domainName),
      hostedZoneId: config.hostedZoneId,
      containerPort: config.containerPort,
      healthCheckPath: config.healthCheckPath,
      protection: props.protection,
      accessLogBucket: pipeline.accessLogs.bucket.bucket,
    });
    this.service = new ConsoleService(this, 'service', {
      naming,
      arnScope: props.arnScope,
      environment: props.environment,
      config,
      repository: props.repository,
      kmsKeyArn: props.kmsKeyArn,
      logRetentionDays: props.logRetentionDays,
      vpcId: network.vpc.id,
      vpcCidr: props.vpcCidr,
      privateSubnetIds: network.privateSubnets.map((subnet) => subnet.id),
      gatewayPrefixListIds: network.gatewayPrefixListIds,
      loadBalancer: this.loadBalancer,
      runStore: {
        tableName: pipeline.table.table.name,
        tableArn: pipeline.table.table.arn,
        bucketArn: pipeline.bucket.bucket.arn,
        readPrefixes: [DATA_PREFIXES.quarantine],
        prefixes: { RAW_PREFIX: DATA_PREFIXES.raw, PROCESSED_PREFIX: DATA_PREFIXES.processed, QUARANTINE_PREFIX: DATA_PREFIXES.quarantine },
      },
      database: {
        environment: props.database.clientEnvironment(DATABASE_USERS.reader),
        userArn: props.database.connectArn(DATABASE_USERS.reader),
        clientSecurityGroupId: props.database.clientSecurityGroup.id,
      },
    });
  }
}
