import { AppautoscalingPolicy } from '@cdktf/provider-aws/lib/appautoscaling-policy';
import { AppautoscalingTarget } from '@cdktf/provider-aws/lib/appautoscaling-target';
import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { EcsCluster } from '@cdktf/provider-aws/lib/ecs-cluster';
import { EcsService } from '@cdktf/provider-aws/lib/ecs-service';
import { EcsTaskDefinition } from '@cdktf/provider-aws/lib/ecs-task-definition';
import { SecurityGroup } from '@cdktf/provider-aws/lib/security-group';
import { VpcSecurityGroupEgressRule } from '@cdktf/provider-aws/lib/vpc-security-group-egress-rule';
import { VpcSecurityGroupIngressRule } from '@cdktf/provider-aws/lib/vpc-security-group-ingress-rule';
import type { Naming, ServiceConfig } from '@data-platform/config';
import { Construct } from 'constructs';
import { encryptedLogGroup } from '../observability/encrypted-log-group.js';
import type { ArnScope } from '../iam/arns.js';
import type { ConsoleLoadBalancer } from './console-load-balancer.js';
import { ConsoleRoles } from './console-roles.js';

/** The container's name in the task definition (the target group forwards to it). */
export const CONSOLE_CONTAINER = 'console';
/** Average CPU the service's autoscaling keeps its tasks at, percent. */
export const CONSOLE_CPU_TARGET_PERCENT = 60;

export interface ConsoleServiceProps {
  readonly naming: Naming;
  readonly arnScope: ArnScope;
  /** The environment's name, shown in the console's banner. */
  readonly environment: string;
  readonly config: ServiceConfig;
  /** The shared stack's ECR repository the image is pulled from (read through remote state). */
  readonly repository: ConsoleImageRepository;
  readonly kmsKeyArn: string;
  readonly logRetentionDays: number;
  readonly vpcId: string;
  readonly vpcCidr: string;
  readonly privateSubnetIds: readonly string[];
  /** Prefix lists of the S3 and DynamoDB gateway endpoints (the tasks' only way to them). */
  readonly gatewayPrefixListIds: readonly string[];
  readonly loadBalancer: ConsoleLoadBalancer;
  /** The run store the console reads: the metadata table (and its runs index), the data bucket's quarantine reports. */
  readonly runStore: {
    readonly tableName: string;
    readonly tableArn: string;
    readonly bucketArn: string;
    readonly readPrefixes: readonly string[];
    /** RAW_PREFIX, PROCESSED_PREFIX, QUARANTINE_PREFIX: where a run's outputs are (as the functions are told). */
    readonly prefixes: Readonly<Record<string, string>>;
  };
  /** The balances database: how to connect (DB_* variables), as whom, and the security group that opens 5432. */
  readonly database: {
    readonly environment: Readonly<Record<string, string>>;
    readonly userArn: string;
    readonly clientSecurityGroupId: string;
  };
}

/** Where the console image lives: the shared stack's repository, by URL (to pull) and ARN (to grant the pull). */
export interface ConsoleImageRepository {
  readonly url: string;
  readonly arn: string;
}

/** Where the image keeps the RDS certificate bundle (apps/console/Dockerfile), for TLS to Aurora. */
export const CONSOLE_RDS_CA_BUNDLE = '/app/rds-global-bundle.pem';

/**
 * SPEC §3.5: the pipeline console on ECS Fargate (arm64) in the private subnets, image pinned by
 * digest, Container Insights on, a deployment circuit breaker that rolls back, and CPU target
 * tracking between the configured desired and maximum task counts.
 */
export class ConsoleService extends Construct {
  readonly cluster: EcsCluster;
  readonly service: EcsService;
  readonly taskDefinition: EcsTaskDefinition;
  readonly logGroup: CloudwatchLogGroup;
  readonly roles: ConsoleRoles;
  readonly securityGroup: SecurityGroup;

  constructor(scope: Construct, id: string, props: ConsoleServiceProps) {
    super(scope, id);
    const { naming, config, loadBalancer, runStore } = props;
    this.cluster = new EcsCluster(this, 'cluster', {
      name: naming.name('generic', 'ecs', 'console'),
      setting: [{ name: 'containerInsights', value: 'enabled' }],
    });
    this.logGroup = encryptedLogGroup(this, 'logs', { name: `/ecs/${naming.name('generic', 'ecs', 'console')}`, retentionDays: props.logRetentionDays, kmsKeyArn: props.kmsKeyArn });
    this.roles = new ConsoleRoles(this, 'roles', {
      naming,
      arnScope: props.arnScope,
      kmsKeyArn: props.kmsKeyArn,
      repositoryArn: props.repository.arn,
      logGroupArn: this.logGroup.arn,
      tableArn: runStore.tableArn,
      tableName: runStore.tableName,
      bucketArn: runStore.bucketArn,
      readPrefixes: runStore.readPrefixes,
      databaseUserArn: props.database.userArn,
    });

    this.securityGroup = new SecurityGroup(this, 'sg', {
      name: naming.name('securityGroup', 'secgroup', 'console-tasks'),
      description: 'Console tasks: the load balancer in, HTTPS to the VPC endpoints out (5432 comes with the database client group)',
      vpcId: props.vpcId,
    });
    new VpcSecurityGroupIngressRule(this, 'from-alb', {
      securityGroupId: this.securityGroup.id,
      description: 'The console port from the load balancer',
      ipProtocol: 'tcp',
      fromPort: config.containerPort,
      toPort: config.containerPort,
      referencedSecurityGroupId: loadBalancer.securityGroup.id,
    });
    new VpcSecurityGroupEgressRule(this, 'alb-to-tasks', {
      securityGroupId: loadBalancer.securityGroup.id,
      description: 'The console port of the tasks',
      ipProtocol: 'tcp',
      fromPort: config.containerPort,
      toPort: config.containerPort,
      referencedSecurityGroupId: this.securityGroup.id,
    });
    new VpcSecurityGroupEgressRule(this, 'to-endpoints', {
      securityGroupId: this.securityGroup.id,
      description: 'Interface endpoints (ECR, CloudWatch Logs)',
      ipProtocol: 'tcp',
      fromPort: 443,
      toPort: 443,
      cidrIpv4: props.vpcCidr,
    });
    props.gatewayPrefixListIds.forEach((prefixListId, index) =>
      new VpcSecurityGroupEgressRule(this, `to-gateway-${index}`, {
        securityGroupId: this.securityGroup.id,
        description: 'S3 and DynamoDB gateway endpoints',
        ipProtocol: 'tcp',
        fromPort: 443,
        toPort: 443,
        prefixListId,
      }),
    );

    this.taskDefinition = new EcsTaskDefinition(this, 'task', {
      family: naming.name('generic', 'task', 'console'),
      requiresCompatibilities: ['FARGATE'],
      networkMode: 'awsvpc',
      cpu: String(config.cpu),
      memory: String(config.memoryMib),
      runtimePlatform: { cpuArchitecture: 'ARM64', operatingSystemFamily: 'LINUX' },
      executionRoleArn: this.roles.executionRole.arn,
      taskRoleArn: this.roles.taskRole.arn,
      containerDefinitions: JSON.stringify([
        {
          name: CONSOLE_CONTAINER,
          // By digest: what was reviewed is what runs, and a re-pushed tag changes nothing.
          image: `${props.repository.url}@${config.image.digest}`,
          essential: true,
          readonlyRootFilesystem: true,
          privileged: false,
          user: '65532:65532',
          portMappings: [{ containerPort: config.containerPort, protocol: 'tcp' }],
          environment: Object.entries({
            PORT: String(config.containerPort),
            CONSOLE_ENVIRONMENT: props.environment,
            TABLE_NAME: runStore.tableName,
            AWS_REGION: props.arnScope.region,
            ...runStore.prefixes,
            ...props.database.environment,
            NODE_EXTRA_CA_CERTS: CONSOLE_RDS_CA_BUNDLE,
          }).map(([name, value]) => ({ name, value })),
          logConfiguration: {
            logDriver: 'awslogs',
            options: { 'awslogs-group': this.logGroup.name, 'awslogs-region': props.arnScope.region, 'awslogs-stream-prefix': CONSOLE_CONTAINER },
          },
        },
      ]),
    });

    this.service = new EcsService(this, 'service', {
      name: naming.name('generic', 'svc', 'console'),
      cluster: this.cluster.arn,
      taskDefinition: this.taskDefinition.arn,
      launchType: 'FARGATE',
      desiredCount: config.desiredCount,
      deploymentCircuitBreaker: { enable: true, rollback: true },
      deploymentMinimumHealthyPercent: 100,
      deploymentMaximumPercent: 200,
      healthCheckGracePeriodSeconds: 30,
      propagateTags: 'SERVICE',
      networkConfiguration: { subnets: [...props.privateSubnetIds], securityGroups: [this.securityGroup.id, props.database.clientSecurityGroupId], assignPublicIp: false },
      loadBalancer: [{ targetGroupArn: loadBalancer.targetGroup.arn, containerName: CONSOLE_CONTAINER, containerPort: config.containerPort }],
      // Autoscaling owns the running count once deployed; a plan must not reset it.
      lifecycle: { ignoreChanges: ['desired_count'] },
      dependsOn: [loadBalancer.httpsListener],
    });

    const scaling = new AppautoscalingTarget(this, 'scaling', {
      serviceNamespace: 'ecs',
      scalableDimension: 'ecs:service:DesiredCount',
      resourceId: `service/${this.cluster.name}/${this.service.name}`,
      minCapacity: config.desiredCount,
      maxCapacity: config.maxCount,
    });
    new AppautoscalingPolicy(this, 'cpu-scaling', {
      name: naming.name('generic', 'scaling', 'console-cpu'),
      policyType: 'TargetTrackingScaling',
      serviceNamespace: scaling.serviceNamespace,
      scalableDimension: scaling.scalableDimension,
      resourceId: scaling.resourceId,
      targetTrackingScalingPolicyConfiguration: {
        targetValue: CONSOLE_CPU_TARGET_PERCENT,
        predefinedMetricSpecification: { predefinedMetricType: 'ECSServiceAverageCPUUtilization' },
        scaleInCooldown: 120,
        scaleOutCooldown: 60,
      },
    });
  }
}
