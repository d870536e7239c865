import { describe, expect, it } from 'vitest';
import { REQUIRED_TAG_KEYS } from '../src/stack/environment-stack.js';
import { synthesize, testConfig, TEST_CONFIG } from './fixtures/environment.js';

const stack = synthesize(testConfig());
const policyOf = (text: unknown) => JSON.parse(String(text)) as { Statement: Array<{ Sid?: string; Action: string[] | string; Resource: unknown }> };

describe('EnvironmentStack', () => {
  it('tags everything through provider default_tags with values that never change per commit', () => {
    const tags = (stack.providerConfig['default_tags'] as Array<{ tags: Record<string, string> }>)[0]!.tags;
    expect(tags).toEqual({ Environment: 'test', CostCenter: 'cc-42', Project: 'myapp', ManagedBy: 'terraform-cdktf' });
    expect(Object.keys(tags).sort()).toEqual([...REQUIRED_TAG_KEYS].sort());
    expect(stack.providerConfig['region']).toBe('eu-west-1');
  });

  it('refuses credentials of any account but the environment\'s', () => {
    expect(stack.providerConfig['allowed_account_ids']).toEqual(['123456789012']);
  });

  it('gives taggable resources a Name tag from their physical name', () => {
    expect(stack.one('aws_sqs_queue').config['tags']).toEqual({ Name: 'sqs-test-pipeline-dlq-ci1' });
    expect(stack.one('aws_vpc').config['tags']).toEqual({ Name: 'vpc-test-data-ci1' });
  });

  it('keeps state in the S3 backend under {project}/{env}/{suffix}/{stack}.tfstate with a native lock file', () => {
    expect(stack.json.terraform?.['backend']).toEqual({
      s3: { bucket: 'state-bucket', key: 'myapp/test/ci1/DataPipeline-Test-Stack.tfstate', region: 'eu-west-1', encrypt: true, use_lockfile: true },
    });
  });

  it('gives a preview environment its own state key, never the one it was cut from', () => {
    const preview = synthesize(testConfig({ environmentSuffix: 'pr123' }));
    expect((preview.json.terraform?.['backend'] as { s3: { key: string } }).s3.key).toBe('myapp/test/pr123/DataPipeline-Test-Stack.tfstate');
  });

  describe('Network', () => {
    it('spans the configured three AZs with public and private subnets carved from the VPC CIDR', () => {
      expect(stack.one('aws_vpc').config['cidr_block']).toBe('10.9.0.0/16');
      const subnets = stack.ofType('aws_subnet').map((s) => [s.config['availability_zone'], s.config['cidr_block'], (s.config['tags'] as Record<string, string>)['Tier']]);
      expect(subnets).toEqual(
        expect.arrayContaining([
          ['eu-west-1a', '10.9.0.0/20', 'public'],
          ['eu-west-1b', '10.9.16.0/20', 'public'],
          ['eu-west-1c', '10.9.32.0/20', 'public'],
          ['eu-west-1a', '10.9.48.0/20', 'private'],
          ['eu-west-1b', '10.9.64.0/20', 'private'],
          ['eu-west-1c', '10.9.80.0/20', 'private'],
        ]),
      );
      expect(subnets).toHaveLength(6);
    });

    it('has S3 and DynamoDB gateway endpoints, the configured interface endpoints and NAT gateways', () => {
      const endpoints = stack.ofType('aws_vpc_endpoint').map((e) => `${e.config['vpc_endpoint_type']}:${e.config['service_name']}`);
      expect(endpoints.sort()).toEqual(['Gateway:com.amazonaws.eu-west-1.dynamodb', 'Gateway:com.amazonaws.eu-west-1.s3', 'Interface:com.amazonaws.eu-west-1.sns']);
      expect(stack.ofType('aws_nat_gateway')).toHaveLength(1);
      expect(stack.ofType('aws_instance')).toHaveLength(0);
    });
  });

  describe('DataPipeline', () => {
    it('names the bucket myapp-{env}-data-{suffix} and makes it destroyable', () => {
      expect(stack.one('aws_s3_bucket', 'ingest-bucket').config).toMatchObject({ bucket: 'myapp-test-data-ci1', force_destroy: true });
    });

    it('encrypts the bucket with the environment KMS key, blocks public access and denies plain HTTP', () => {
      const sse = stack.one('aws_s3_bucket_server_side_encryption_configuration', 'ingest-bucket').config['rule'] as Array<Record<string, unknown>>;
      expect(sse[0]).toMatchObject({ bucket_key_enabled: true, apply_server_side_encryption_by_default: { sse_algorithm: 'aws:kms' } });
      expect(stack.one('aws_s3_bucket_public_access_block', 'ingest-bucket').config).toMatchObject({
        block_public_acls: true, block_public_policy: true, ignore_public_acls: true, restrict_public_buckets: true,
      });
      const statement = policyOf(stack.one('aws_s3_bucket_policy', 'ingest-bucket').config['policy']).Statement[0]!;
      expect(statement).toMatchObject({ Sid: 'DenyInsecureTransport', Effect: 'Deny' });
      expect(stack.one('aws_s3_bucket_versioning', 'ingest-bucket').config['versioning_configuration']).toEqual({ status: 'Enabled' });
    });

    it('expires objects and moves them to Glacier as configured', () => {
      const [rule] = stack.one('aws_s3_bucket_lifecycle_configuration', 'ingest-bucket').config['rule'] as Array<Record<string, unknown>>;
      expect(rule).toMatchObject({
        status: 'Enabled',
        expiration: [{ days: 400 }],
        transition: [{ days: 120, storage_class: 'GLACIER' }],
        noncurrent_version_expiration: [{ noncurrent_days: 14 }],
      });
    });

    it('sends bucket events to EventBridge and starts the state machine for raw/ objects, with a DLQ', () => {
      expect(stack.one('aws_s3_bucket_notification').config['eventbridge']).toBe(true);
      const pattern = JSON.parse(String(stack.one('aws_cloudwatch_event_rule').config['event_pattern']));
      expect(pattern).toMatchObject({ source: ['aws.s3'], 'detail-type': ['Object Created'], detail: { object: { key: [{ prefix: 'raw/' }] } } });
      const target = stack.one('aws_cloudwatch_event_target').config;
      expect(String(target['arn'])).toMatch(/aws_sfn_state_machine\..*\.arn/);
      expect(String((target['dead_letter_config'] as Record<string, string>)['arn'])).toMatch(/aws_sqs_queue\..*\.arn/);
      expect(String(target['role_arn'])).toMatch(/aws_iam_role\..*trigger.*\.arn/);
    });

    it('keeps run metadata in a table with the shared schema, configured billing, PITR and SSE', () => {
      expect(stack.one('aws_dynamodb_table', 'metadata-table').config).toMatchObject({
        name: 'table-test-pipeline-metadata-ci1',
        hash_key: 'id',
        range_key: 'timestamp',
        billing_mode: 'PROVISIONED',
        read_capacity: 7,
        write_capacity: 3,
        point_in_time_recovery: { enabled: true },
        server_side_encryption: { enabled: true },
        deletion_protection_enabled: false,
      });
    });

    it('subscribes the configured e-mails to a KMS-encrypted alert topic', () => {
      const subscriptions = stack.ofType('aws_sns_topic_subscription').map((s) => s.config['endpoint']);
      expect(subscriptions.sort()).toEqual(['a@example.com', 'b@example.com']);
      for (const topic of stack.ofType('aws_sns_topic')) expect(topic.config['kms_master_key_id']).toMatch(/aws_kms_key/);
    });

    it('rotates the KMS key and lets it be deleted after the shortest window', () => {
      expect(stack.one('aws_kms_key').config).toMatchObject({ enable_key_rotation: true, deletion_window_in_days: 7 });
    });

    it('runs arm64 nodejs22.x Lambdas with the shared layer, configured memory, timeout and tracing', () => {
      const functions = stack.ofType('aws_lambda_function');
      expect(functions.map((f) => f.config['function_name']).sort()).toEqual(
        ['fan-out-assemble', 'fan-out-merge', 'fan-out-plan', 'fan-out-shard', 'load', 'migrate', 'quarantine', 'status-api', 'transform', 'validate'].map(
          (name) => `lambda-test-${name}-ci1`,
        ),
      );
      // The fan-out's merge and assembly handle a whole file: lambda.fanOutStepTimeoutSeconds (default 900).
      const wholeFile = ['lambda-test-fan-out-merge-ci1', 'lambda-test-fan-out-assemble-ci1'];
      for (const fn of functions) {
        const api = fn.config['function_name'] === 'lambda-test-status-api-ci1';
        expect(fn.config).toMatchObject({
          architectures: ['arm64'],
          runtime: 'nodejs22.x',
          memory_size: api ? 256 : 768,
          timeout: api ? 10 : wholeFile.includes(String(fn.config['function_name'])) ? 900 : 120,
          handler: 'index.handler',
          tracing_config: { mode: 'Active' },
        });
        expect(fn.config['layers']).toEqual([expect.stringMatching(/aws_lambda_layer_version\..*\.arn/)]);
        expect(fn.config['source_code_hash']).toMatch(/^\$\{filebase64sha256\("assets\/.*\.zip"\)\}$/);
      }
      expect(stack.one('aws_lambda_layer_version').config).toMatchObject({ compatible_architectures: ['arm64'], compatible_runtimes: ['nodejs22.x'] });
    });

    it('gives each Lambda its own encrypted log group with the configured retention', () => {
      const groups = stack.ofType('aws_cloudwatch_log_group');
      expect(groups.map((g) => g.config['name'])).toEqual(expect.arrayContaining(['/aws/lambda/lambda-test-transform-ci1']));
      for (const group of groups) expect(group.config).toMatchObject({ retention_in_days: 14, kms_key_id: expect.stringMatching(/aws_kms_key/) });
    });

    it('grants each Lambda only what it uses, with no wildcard actions', () => {
      const transformPolicy = policyOf(stack.one('aws_iam_role_policy', 'transform').config['policy']);
      const writes = transformPolicy.Statement.find((s) => s.Sid === 'WriteOutputs')!;
      expect(writes.Action).toEqual(['s3:AbortMultipartUpload', 's3:PutObject']);
      expect(writes.Resource).toEqual([expect.stringMatching(/\/processed\/\*$/), expect.stringMatching(/\/quarantine\/\*$/)]);
      const validatePolicy = policyOf(stack.one('aws_iam_role_policy', 'validate').config['policy']);
      expect(validatePolicy.Statement.map((s) => s.Sid)).not.toContain('WriteOutputs');
    });
  });

  it('exports outputs as Terraform outputs and SSM parameters', () => {
    expect(Object.keys(stack.outputs).sort()).toEqual([
      'alert-topic-arn', 'api-url', 'bucket-name', 'console-repository-url', 'console-url', 'dashboard-name', 'database-cluster-arn', 'database-endpoint', 'deployment-record',
      'events-topic-arn', 'state-machine-arn', 'table-name', 'vpc-id',
    ]);
    const parameters = stack.ofType('aws_ssm_parameter').map((p) => p.config['name']);
    expect(parameters).toEqual(expect.arrayContaining(['/myapp/test/ci1/outputs/bucket-name', '/myapp/test/ci1/outputs/database-endpoint', '/myapp/test/ci1/outputs/api-url']));
    expect(parameters).toHaveLength(13); // twelve outputs and the deployment record
  });

  describe("the shared stack's outputs, read through remote state", () => {
    const states = (stack.json as { data?: { terraform_remote_state?: Record<string, { backend: string; config: unknown }> } }).data?.terraform_remote_state ?? {};
    const [name, state] = Object.entries(states).find(([id]) => id.startsWith('shared'))!;
    const output = (output: string) => `\${data.terraform_remote_state.${name}.outputs.${output}}`;

    it("reads the state the config gives under remoteStates.shared from S3", () => {
      expect(state).toMatchObject({ backend: 's3', config: { ...TEST_CONFIG.remoteStates!['shared'], encrypt: true } });
      expect(stack.outputs['console-repository-url']).toBe(output('console_repository_url'));
    });

    it("runs the console image from the shared repository's URL, pinned by the configured digest", () => {
      const [container] = JSON.parse(String(stack.one('aws_ecs_task_definition').config['container_definitions'])) as Array<{ image: string }>;
      expect(container!.image).toBe(`${output('console_repository_url')}@sha256:${'1'.repeat(64)}`);
    });

    it("lets the task's execution role pull from exactly the shared repository's ARN", () => {
      const execution = policyOf(stack.one('aws_iam_role_policy', 'execution').config['policy']);
      expect(execution.Statement.find((s) => s.Sid === 'PullConsoleImage')).toMatchObject({ Action: ['ecr:BatchGetImage', 'ecr:GetDownloadUrlForLayer'], Resource: output('console_repository_arn') });
    });
  });
});
