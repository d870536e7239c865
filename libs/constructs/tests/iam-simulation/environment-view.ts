import type { SynthesizedResource } from '../../src/aspects/rules/rule.js';
import type { WorkloadRole } from '../../src/iam/workload-calls.js';
import { SHARED_OUTPUTS } from '../../src/shared/shared-outputs.js';
import type { SimulatedEnvironment } from './simulated-environment.js';

type Config = Record<string, unknown>;
const str = (value: unknown) => String(value);
const json = (value: unknown) => JSON.parse(str(value)) as object;

/** Read-only questions about one simulated environment: its roles, resources and their policies. */
export class EnvironmentView {
  readonly region: string;
  readonly accountId: string;

  constructor(readonly env: SimulatedEnvironment) {
    this.region = env.config.region;
    this.accountId = env.config.accountId;
  }

  private all(type: string): SynthesizedResource[] {
    return this.env.resources.filter((r) => r.type === type);
  }

  private only(type: string, match: (config: Config) => boolean = () => true): Config {
    const found = this.all(type).filter((r) => match(r.config as Config));
    if (found.length !== 1) throw new Error(`${this.env.name}: expected one ${type}, found ${found.length}`);
    return found[0]!.config as Config;
  }

  /** Physical name of a workload role in this environment. */
  roleName(role: WorkloadRole): string {
    return `role-${this.env.config.environment}-${role}-${this.env.config.environmentSuffix}`;
  }

  roleArn(role: WorkloadRole): string {
    return `arn:aws:iam::${this.accountId}:role/${this.roleName(role)}`;
  }

  /** The identity policies attached to a role, by its physical name (roles outside the workload list). */
  policiesOfRole(roleName: string): Array<{ name: string; policy: object }> {
    return this.all('aws_iam_role_policy')
      .filter((p) => p.config['role'] === roleName)
      .map((p) => ({ name: str(p.config['name']), policy: json(p.config['policy']) }));
  }

  /** Every role the stack creates, by physical name. */
  roleNames(): string[] {
    return this.all('aws_iam_role').map((r) => str(r.config['name']));
  }

  trustPolicy(role: WorkloadRole): object {
    return json(this.only('aws_iam_role', (c) => c['name'] === this.roleName(role))['assume_role_policy']);
  }

  /** Inline and attached policies of a role, as iam-simulate wants them. */
  identityPolicies(role: WorkloadRole): Array<{ name: string; policy: object }> {
    return this.all('aws_iam_role_policy')
      .filter((p) => p.config['role'] === this.roleName(role))
      .map((p) => ({ name: str(p.config['name']), policy: json(p.config['policy']) }));
  }

  get dataBucket(): string {
    return str(this.only('aws_s3_bucket', (c) => str(c['bucket']).includes('-data-'))['bucket']);
  }

  get accessLogBucket(): string {
    return str(this.only('aws_s3_bucket', (c) => str(c['bucket']).includes('-access-logs-'))['bucket']);
  }

  bucketPolicy(bucket: string): object {
    return json(this.only('aws_s3_bucket_policy', (c) => c['bucket'] === bucket)['policy']);
  }

  /** The run-metadata table (the pipeline's; the reference table is {@link referenceTableName}). */
  get tableName(): string {
    return str(this.only('aws_dynamodb_table', (c) => str(c['name']).includes('-pipeline-metadata-'))['name']);
  }

  get referenceTableName(): string {
    return str(this.only('aws_dynamodb_table', (c) => str(c['name']).includes('-reference-'))['name']);
  }

  get referenceTableArn(): string {
    return `arn:aws:dynamodb:${this.region}:${this.accountId}:table/${this.referenceTableName}`;
  }

  get tableArn(): string {
    return `arn:aws:dynamodb:${this.region}:${this.accountId}:table/${this.tableName}`;
  }

  /** `rds-db:connect` resource of a database user of this environment's cluster (ids as simulated-environment.ts makes them). */
  dbUserArn(user: string): string {
    const resourceId = `cluster-${this.all('aws_rds_cluster')[0]!.id.replace(/[^a-z0-9]/gi, '').slice(-12).toUpperCase()}`;
    return `arn:aws:rds-db:${this.region}:${this.accountId}:dbuser:${resourceId}/${user}`;
  }

  /** The RDS-managed master secret, as the migration function's policy names it. */
  get masterSecretArn(): string {
    const policies = this.all('aws_iam_role_policy').map((p) => str(p.config['policy']));
    const arn = policies.join('\n').match(/arn:aws:secretsmanager:[^"]+/)?.[0];
    if (!arn) throw new Error(`${this.env.name}: no secret in any policy`);
    return arn;
  }

  get keyArn(): string {
    return `arn:aws:kms:${this.region}:${this.accountId}:key/${this.all('aws_kms_key')[0]!.id}`;
  }

  get keyPolicy(): object {
    return json(this.only('aws_kms_key')['policy']);
  }

  topicArn(topic: 'events' | 'alerts'): string {
    const name = topic === 'events' ? 'pipeline-events' : 'alerts';
    return `arn:aws:sns:${this.region}:${this.accountId}:${str(this.only('aws_sns_topic', (c) => str(c['name']).includes(`-${name}-`))['name'])}`;
  }

  topicPolicy(topicArn: string): object {
    return json(this.only('aws_sns_topic_policy', (c) => c['arn'] === topicArn)['policy']);
  }

  functionName(fn: string): string {
    return str(this.only('aws_lambda_function', (c) => str(c['function_name']).includes(`-${fn}-`))['function_name']);
  }

  functionArn(fn: string): string {
    return `arn:aws:lambda:${this.region}:${this.accountId}:function:${this.functionName(fn)}`;
  }

  /** The function a role executes, if it is a Lambda role. */
  functionOf(role: WorkloadRole): string | undefined {
    const fn = this.all('aws_lambda_function').find((r) => r.config['role'] === this.roleArn(role));
    return fn ? str(fn.config['function_name']) : undefined;
  }

  get stateMachineArn(): string {
    const pipeline = this.only('aws_sfn_state_machine', (c) => str(c['name']).includes('-pipeline-'));
    return `arn:aws:states:${this.region}:${this.accountId}:stateMachine:${str(pipeline['name'])}`;
  }

  get ruleArn(): string {
    return `arn:aws:events:${this.region}:${this.accountId}:rule/${str(this.only('aws_cloudwatch_event_rule')['name'])}`;
  }

  logGroupArn(name: string): string {
    return `arn:aws:logs:${this.region}:${this.accountId}:log-group:${name}`;
  }

  get flowLogGroup(): string {
    return str(this.only('aws_cloudwatch_log_group', (c) => str(c['name']).startsWith('/vpc/flow-logs/'))['name']);
  }

  get consoleLogGroup(): string {
    return str(this.only('aws_cloudwatch_log_group', (c) => str(c['name']).startsWith('/ecs/'))['name']);
  }

  /** The repository the console image is pulled from: the shared stack's, as its state (here the offline stand-in) gives it. */
  get repositoryArn(): string {
    return SHARED_OUTPUTS.console_repository_arn;
  }

  get stateMachineLogGroup(): string {
    return str(this.only('aws_cloudwatch_log_group', (c) => str(c['name']).startsWith('/aws/vendedlogs/states/sfn-') && str(c['name']).includes('-pipeline-'))['name']);
  }

  private get lambdaVpc(): Config {
    const vpc = this.all('aws_lambda_function')[0]!.config['vpc_config'];
    return (Array.isArray(vpc) ? vpc[0] : vpc) as Config;
  }

  /** The subnets and security groups the functions attach to. */
  get lambdaSubnetIds(): string[] {
    return this.lambdaVpc['subnet_ids'] as string[];
  }

  get lambdaSecurityGroupIds(): string[] {
    return this.lambdaVpc['security_group_ids'] as string[];
  }
}
