import { REQUIRED_TAG_KEYS } from '@data-platform/constructs';
import { describe, expect, it } from 'vitest';
import { synthesizedApp } from './workspace-paths.js';

/** SPEC §2 values one environment must synthesize to, written out per app as plain data. */
export interface EnvironmentExpectations {
  readonly environment: string;
  readonly stackName: string;
  readonly region: string;
  readonly vpcCidr: string;
  readonly processingMemoryMb: number;
  readonly tracing: boolean;
  readonly bucketName: string;
  readonly expirationDays: number;
  readonly glacierTransitionDays: number | null;
  readonly versioning: boolean;
  readonly billing: { readonly mode: 'PAY_PER_REQUEST' } | { readonly mode: 'PROVISIONED'; readonly read: number; readonly write: number };
  readonly logRetentionDays: number;
  readonly natGateways: number;
  readonly alertEmails: readonly string[];
  /** AWS account the provider is locked to (allowed_account_ids). */
  readonly accountId: string;
  /** S3 backend state key: one per environment and suffix. */
  readonly stateKey: string;
  /** SPEC §2 data protection: prod on, every other environment destroyable. */
  readonly protection: boolean;
  /** Aurora Serverless v2 (SPEC §2): backups, capacity range and instance count. */
  readonly database: { readonly backupRetentionDays: number; readonly minAcu: number; readonly maxAcu: number; readonly instances: number };
  /** The status API: its function's memory and its stage's name (exactly the environment's). */
  readonly api: { readonly memoryMb: number; readonly stageName: string };
}

/** The pipeline's processing functions; the status API and the migration function are sized apart. */
const PROCESSING_FUNCTIONS = /-(validate|transform|load|quarantine)-/;

/** Asserts an app's synthesized stack against its expectations, value by value. */
export function describeEnvironment(appName: string, expected: EnvironmentExpectations): void {
  describe(`${appName} synthesized stack`, () => {
    const stack = synthesizedApp(appName);

    it(`is named ${expected.stackName} and deploys to ${expected.region}`, () => {
      expect(stack.directory).toMatch(new RegExp(`/${expected.stackName}$`));
      expect(stack.providerConfig['region']).toBe(expected.region);
    });

    it(`tags every resource with Environment=${expected.environment} and the other required tags`, () => {
      const tags = (stack.providerConfig['default_tags'] as Array<{ tags: Record<string, string> }>)[0]!.tags;
      expect(Object.keys(tags).sort()).toEqual([...REQUIRED_TAG_KEYS].sort());
      expect(tags['Environment']).toBe(expected.environment);
    });

    it(`uses VPC CIDR ${expected.vpcCidr} across 3 AZs with ${expected.natGateways} NAT gateway(s)`, () => {
      expect(stack.one('aws_vpc').config['cidr_block']).toBe(expected.vpcCidr);
      expect(new Set(stack.ofType('aws_subnet').map((s) => s.config['availability_zone'])).size).toBe(3);
      expect(stack.ofType('aws_nat_gateway')).toHaveLength(expected.natGateways);
    });

    it(`gives processing Lambdas ${expected.processingMemoryMb} MB with tracing ${expected.tracing ? 'on' : 'off'}`, () => {
      const functions = stack.ofType('aws_lambda_function').filter((fn) => PROCESSING_FUNCTIONS.test(String(fn.config['function_name'])));
      expect(functions).toHaveLength(4);
      for (const fn of functions) {
        expect(fn.config['memory_size']).toBe(expected.processingMemoryMb);
        expect(fn.config['tracing_config']).toEqual({ mode: expected.tracing ? 'Active' : 'PassThrough' });
        expect(fn.config['architectures']).toEqual(['arm64']);
      }
      for (const machine of stack.ofType('aws_sfn_state_machine')) expect(machine.config['tracing_configuration']).toEqual({ enabled: expected.tracing });
    });

    it(`names the data bucket ${expected.bucketName}, versioning ${expected.versioning ? 'on' : 'off'}`, () => {
      expect(stack.one('aws_s3_bucket', 'ingest-bucket').config['bucket']).toBe(expected.bucketName);
      expect(stack.one('aws_s3_bucket_versioning', 'ingest-bucket').config['versioning_configuration']).toEqual({ status: expected.versioning ? 'Enabled' : 'Suspended' });
    });

    it(`expires objects after ${expected.expirationDays} days${expected.glacierTransitionDays ? ` and moves them to Glacier after ${expected.glacierTransitionDays}` : ', without a Glacier transition'}`, () => {
      const [rule] = stack.one('aws_s3_bucket_lifecycle_configuration', 'ingest-bucket').config['rule'] as Array<Record<string, unknown>>;
      expect(rule!['expiration']).toEqual([{ days: expected.expirationDays }]);
      expect(rule!['transition']).toEqual(expected.glacierTransitionDays === null ? undefined : [{ days: expected.glacierTransitionDays, storage_class: 'GLACIER' }]);
    });

    it(`bills the metadata table ${expected.billing.mode === 'PROVISIONED' ? `provisioned ${expected.billing.read}/${expected.billing.write}` : 'on demand'}, with PITR`, () => {
      const table = stack.one('aws_dynamodb_table', 'metadata-table').config;
      expect(table['billing_mode']).toBe(expected.billing.mode);
      expect(table['read_capacity']).toBe(expected.billing.mode === 'PROVISIONED' ? expected.billing.read : undefined);
      expect(table['write_capacity']).toBe(expected.billing.mode === 'PROVISIONED' ? expected.billing.write : undefined);
      expect(table['point_in_time_recovery']).toEqual({ enabled: true });
    });

    it(`keeps logs for ${expected.logRetentionDays} days`, () => {
      const groups = stack.ofType('aws_cloudwatch_log_group');
      expect(groups.length).toBeGreaterThanOrEqual(4);
      for (const group of groups) expect(group.config['retention_in_days']).toBe(expected.logRetentionDays);
    });

    it(`only deploys to account ${expected.accountId}, with state at ${expected.stateKey}`, () => {
      expect(stack.providerConfig['allowed_account_ids']).toEqual([expected.accountId]);
      expect((stack.json.terraform?.['backend'] as { s3: { key: string } }).s3.key).toBe(expected.stateKey);
    });

    it(expected.protection ? 'protects its data against destroy and replacement' : 'can be destroyed with its data', () => {
      const preventDestroy = expected.protection ? { prevent_destroy: true } : undefined;
      // Every bucket follows the knob: the data bucket and its access-log bucket alike.
      const buckets = stack.ofType('aws_s3_bucket');
      expect(buckets.map((bucket) => bucket.config['force_destroy'])).toEqual(buckets.map(() => !expected.protection));
      const tables = stack.ofType('aws_dynamodb_table');
      expect(tables.map((table) => table.config['deletion_protection_enabled'])).toEqual(tables.map(() => expected.protection));
      expect(stack.one('aws_kms_key').config['deletion_window_in_days']).toBe(expected.protection ? 30 : 7);
      for (const store of [...buckets, ...tables, stack.one('aws_kms_key')]) expect(store.config['lifecycle']).toEqual(preventDestroy);
    });

    const { database, api } = expected;
    it(`runs Aurora PostgreSQL Serverless v2: ${database.instances} instance(s) of ${database.minAcu}–${database.maxAcu} ACU, ${database.backupRetentionDays}-day backups`, () => {
      const cluster = stack.one('aws_rds_cluster').config;
      expect(cluster['engine']).toBe('aurora-postgresql');
      expect(cluster['backup_retention_period']).toBe(database.backupRetentionDays);
      expect(cluster['serverlessv2_scaling_configuration']).toEqual({ min_capacity: database.minAcu, max_capacity: database.maxAcu });
      expect(cluster).toMatchObject({ storage_encrypted: true, iam_database_authentication_enabled: true, manage_master_user_password: true, enabled_cloudwatch_logs_exports: ['postgresql'] });
      expect(cluster['deletion_protection']).toBe(expected.protection);
      expect(cluster['skip_final_snapshot']).toBe(!expected.protection);
      expect(cluster['lifecycle']).toEqual(expected.protection ? { prevent_destroy: true } : undefined);
      const instances = stack.ofType('aws_rds_cluster_instance');
      expect(instances).toHaveLength(database.instances);
      for (const instance of instances) expect(instance.config).toMatchObject({ instance_class: 'db.serverless', publicly_accessible: false, performance_insights_enabled: true });
    });

    it(`serves the status API from a ${api.memoryMb} MB function on stage "${api.stageName}", every route IAM-authorized`, () => {
      const fn = stack.ofType('aws_lambda_function').find((f) => String(f.config['function_name']).includes('-status-api-'));
      expect(fn?.config['memory_size']).toBe(api.memoryMb);
      expect(stack.one('aws_apigatewayv2_stage').config['name']).toBe(api.stageName);
      const routes = stack.ofType('aws_apigatewayv2_route');
      expect(routes.map((r) => r.config['route_key']).sort()).toEqual(['GET /accounts/{id}/balances', 'GET /runs', 'GET /runs/{id}']);
      for (const route of routes) expect(route.config['authorization_type']).toBe('AWS_IAM');
    });

    it('alerts the configured e-mail endpoints', () => {
      expect(stack.ofType('aws_sns_topic_subscription').map((s) => s.config['endpoint']).sort()).toEqual([...expected.alertEmails].sort());
    });
  });
}
