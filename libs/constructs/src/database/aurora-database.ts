import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { DbSubnetGroup } from '@cdktf/provider-aws/lib/db-subnet-group';
import { RdsCluster } from '@cdktf/provider-aws/lib/rds-cluster';
import { RdsClusterInstance } from '@cdktf/provider-aws/lib/rds-cluster-instance';
import { RdsClusterParameterGroup } from '@cdktf/provider-aws/lib/rds-cluster-parameter-group';
import { SecretsmanagerSecretRotation } from '@cdktf/provider-aws/lib/secretsmanager-secret-rotation';
import { SecurityGroup } from '@cdktf/provider-aws/lib/security-group';
import { SecurityGroupRule } from '@cdktf/provider-aws/lib/security-group-rule';
import type { DatabaseConfig, Naming } from '@data-platform/config';
import { Construct } from 'constructs';
import { encryptedLogGroup } from '../observability/encrypted-log-group.js';
import type { ArnScope } from '../iam/arns.js';
import { storeLifecycle } from '../protection/store-protection.js';
import { ClusterCloneShare } from './cluster-clone-share.js';

/** PostgreSQL's port; the only one the database security group admits. */
export const DATABASE_PORT = 5432;
/** The database the pipeline's schema lives in (migrations create its tables). */
export const DATABASE_NAME = 'pipeline';
/** The RDS-managed master user: migrations only (DDL, CREATE ROLE). Workloads log in as their own users. */
export const MASTER_USERNAME = 'pipeline_admin';
/** Database users per workload (migrations/0002-service-roles.sql creates them with IAM login). */
export const DATABASE_USERS = { loader: 'loader', reader: 'reader' } as const;

export interface AuroraDatabaseProps {
  readonly naming: Naming;
  readonly arnScope: ArnScope;
  readonly config: DatabaseConfig;
  readonly kmsKeyArn: string;
  readonly vpcId: string;
  readonly privateSubnetIds: readonly string[];
  /** Retention of the exported PostgreSQL log. */
  readonly logRetentionDays: number;
  /** Data protection (prod): deletion protection, a final snapshot and `prevent_destroy`. */
  readonly protection: boolean;
  /**
   * ARN of the cluster to clone when `config.cloneFrom` is set, read from that environment's state.
   * @default none: a new, empty cluster
   */
  readonly cloneSourceArn?: string;
}

/**
 * SPEC §3.3: Aurora PostgreSQL Serverless v2 in the private subnets. Storage, Performance Insights,
 * the managed master secret and the exported log are encrypted with the environment key; TLS is
 * forced; workloads authenticate with IAM; 5432 is open only to members of {@link clientSecurityGroup}.
 */
export class AuroraDatabase extends Construct {
  readonly cluster: RdsCluster;
  readonly instances: RdsClusterInstance[];
  /** Attach to a function that needs the database: its only egress is 5432 to the cluster. */
  readonly clientSecurityGroup: SecurityGroup;
  readonly securityGroup: SecurityGroup;
  readonly logGroup: CloudwatchLogGroup;
  /** The environment this cluster is a clone of (`database.cloneFrom`), or null for a new cluster. */
  readonly clonedFrom: string | null;
  private readonly arnScope: ArnScope;

  constructor(scope: Construct, id: string, props: AuroraDatabaseProps) {
    super(scope, id);
    const { naming, config } = props;
    this.arnScope = props.arnScope;
    this.clonedFrom = config.cloneFrom;
    if (config.cloneFrom !== null && !props.cloneSourceArn) {
      // Never silently a new cluster: the clone's source comes from the other environment's state (SPEC §3.3).
      throw new Error(`database.cloneFrom: "${config.cloneFrom}" needs the source cluster's ARN (remoteStates.${config.cloneFrom} in the app's cdktf.json)`);
    }
    const clusterName = naming.name('rdsCluster', 'aurora', 'pipeline');
    const family = `aurora-postgresql${config.engineVersion.split('.')[0]}`;

    this.securityGroup = new SecurityGroup(this, 'sg', {
      name: naming.name('securityGroup', 'secgroup', 'database'),
      description: 'Aurora: PostgreSQL from database clients only',
      vpcId: props.vpcId,
    });
    this.clientSecurityGroup = new SecurityGroup(this, 'client-sg', {
      name: naming.name('securityGroup', 'secgroup', 'database-client'),
      description: 'Functions that use the database: PostgreSQL to the cluster only',
      vpcId: props.vpcId,
    });
    // Separate rules: the two groups name each other, which inline rules cannot do without a cycle.
    new SecurityGroupRule(this, 'ingress-from-clients', {
      type: 'ingress',
      description: 'PostgreSQL from database clients',
      securityGroupId: this.securityGroup.id,
      sourceSecurityGroupId: this.clientSecurityGroup.id,
      protocol: 'tcp',
      fromPort: DATABASE_PORT,
      toPort: DATABASE_PORT,
    });
    new SecurityGroupRule(this, 'egress-to-database', {
      type: 'egress',
      description: 'PostgreSQL to the cluster',
      securityGroupId: this.clientSecurityGroup.id,
      sourceSecurityGroupId: this.securityGroup.id,
      protocol: 'tcp',
      fromPort: DATABASE_PORT,
      toPort: DATABASE_PORT,
    });

    const subnetGroup = new DbSubnetGroup(this, 'subnets', {
      name: naming.name('rdsCluster', 'dbsubnets', 'pipeline'),
      description: 'Private subnets of the pipeline database',
      subnetIds: [...props.privateSubnetIds],
    });
    const parameters = new RdsClusterParameterGroup(this, 'parameters', {
      name: naming.name('rdsCluster', 'dbparams', 'pipeline'),
      family,
      description: 'TLS only; statements slower than a second logged',
      parameter: [
        { name: 'rds.force_ssl', value: '1' },
        { name: 'log_min_duration_statement', value: '1000' },
      ],
    });
    // Created first, with retention and the key, so RDS writes into it instead of creating its own.
    this.logGroup = encryptedLogGroup(this, 'postgresql-log', { name: `/aws/rds/cluster/${clusterName}/postgresql`, retentionDays: props.logRetentionDays, kmsKeyArn: props.kmsKeyArn });

    this.cluster = new RdsCluster(this, 'cluster', {
      clusterIdentifier: clusterName,
      engine: 'aurora-postgresql',
      engineMode: 'provisioned',
      engineVersion: config.engineVersion,
      databaseName: DATABASE_NAME,
      masterUsername: MASTER_USERNAME,
      manageMasterUserPassword: true,
      masterUserSecretKmsKeyId: props.kmsKeyArn,
      storageEncrypted: true,
      kmsKeyId: props.kmsKeyArn,
      iamDatabaseAuthenticationEnabled: true,
      dbSubnetGroupName: subnetGroup.name,
      vpcSecurityGroupIds: [this.securityGroup.id],
      dbClusterParameterGroupName: parameters.name,
      serverlessv2ScalingConfiguration: { minCapacity: config.minCapacityAcu, maxCapacity: config.maxCapacityAcu },
      backupRetentionPeriod: config.backupRetentionDays,
      copyTagsToSnapshot: true,
      enabledCloudwatchLogsExports: ['postgresql'],
      deletionProtection: props.protection,
      skipFinalSnapshot: !props.protection,
      ...(props.protection ? { finalSnapshotIdentifier: `${clusterName}-final` } : {}),
      lifecycle: storeLifecycle(props.protection),
      dependsOn: [this.logGroup],
      // Aurora copy-on-write clone: pages are shared with the source until either side writes them.
      // A new clone holds production data; migrations run the masking hook on it (README).
      ...(config.cloneFrom !== null && props.cloneSourceArn
        ? { restoreToPointInTime: { sourceClusterIdentifier: props.cloneSourceArn, restoreType: 'copy-on-write', useLatestRestorableTime: true } }
        : {}),
    });
    if (config.shareWithAccountIds.length > 0) {
      new ClusterCloneShare(this, 'clone-share', { naming, clusterArn: this.cluster.arn, accountIds: config.shareWithAccountIds });
    }
    this.instances = Array.from(
      { length: config.instances },
      (_, index) =>
        new RdsClusterInstance(this, `instance-${index}`, {
          identifier: naming.name('rdsCluster', 'aurora', `pipeline-${index + 1}`),
          clusterIdentifier: this.cluster.id,
          instanceClass: 'db.serverless',
          engine: 'aurora-postgresql',
          engineVersion: config.engineVersion,
          publiclyAccessible: false,
          autoMinorVersionUpgrade: true,
          performanceInsightsEnabled: true,
          performanceInsightsKmsKeyId: props.kmsKeyArn,
          performanceInsightsRetentionPeriod: 7,
        }),
    );
    // RDS rotates its managed secret itself; this sets how often (database.passwordRotationDays).
    new SecretsmanagerSecretRotation(this, 'master-rotation', {
      secretId: this.masterSecretArn,
      rotationRules: { automaticallyAfterDays: config.passwordRotationDays },
    });
  }

  /** ARN of the RDS-managed master secret (migrations read it). */
  get masterSecretArn(): string {
    return this.cluster.masterUserSecret.get(0).secretArn;
  }

  /** The master user, for the migration function only. */
  get masterUsername(): string {
    return MASTER_USERNAME;
  }

  /**
   * The `DB_*` variables a function connects with (libs/lambda-handlers runtime/database-connection.ts):
   * TLS verified against the runtime's CA bundle, which Node 20+ runtimes load only when asked.
   */
  clientEnvironment(user: string, auth: 'iam' | 'secret' = 'iam'): Record<string, string> {
    return {
      DB_HOST: this.cluster.endpoint,
      DB_PORT: String(DATABASE_PORT),
      DB_NAME: DATABASE_NAME,
      DB_USER: user,
      DB_AUTH: auth,
      DB_TLS: 'verify',
      ...(auth === 'secret' ? { DB_SECRET_ARN: this.masterSecretArn } : {}),
      NODE_EXTRA_CA_CERTS: '/var/runtime/ca-cert.pem',
    };
  }

  /** `rds-db:connect` resource of one database user (IAM database authentication). */
  connectArn(user: string): string {
    const { region, accountId } = this.arnScope;
    return `arn:aws:rds-db:${region}:${accountId}:dbuser:${this.cluster.clusterResourceId}/${user}`;
  }
}
