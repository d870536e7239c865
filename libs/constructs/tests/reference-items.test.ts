import aslValidator from 'asl-validator';
import { describe, expect, it } from 'vitest';
import { referenceItemDefinition } from '../src/reference/reference-item-definition.js';
import { synthesize, testConfig } from './fixtures/environment.js';

const DEV = { environment: 'dev', environmentSuffix: 'main', accountId: '111111111111' };
const STAGING = { environment: 'staging', environmentSuffix: 'main', accountId: '222222222222' };
const PROD = { environment: 'prod', environmentSuffix: 'main', accountId: '333333333333' };
const WRITERS = ['arn:aws:iam::111111111111:role/role-dev-reference-writer-main', 'arn:aws:iam::222222222222:role/role-staging-reference-writer-main'];
type Statement = { Sid?: string; Effect: string; Principal?: unknown; Action: string[]; Resource: unknown; Condition?: Record<string, Record<string, unknown>> };
const statements = (policy: unknown) => (JSON.parse(String(policy)) as { Statement: Statement[] }).Statement;
const bySid = (policy: unknown): Record<string, Statement> => Object.fromEntries(statements(policy).map((s) => [s.Sid, s]));
type State = Record<string, unknown>;

describe('reference items, source side (prod): stream → pipe → Express workflow → lower tables', () => {
  const stack = synthesize(testConfig({ referenceData: { replicateTo: [DEV, STAGING] }, envSpecificResources: ['network/sns-endpoint', 'network/endpoint-sg', 'network/nat', 'reference-replication', 'reference-items'] }));
  const table = stack.one('aws_dynamodb_table', 'reference-table');
  const express = stack.one('aws_sfn_state_machine', 'reference-items');
  const pipe = stack.one('aws_pipes_pipe').config;

  it('streams every change of the reference table, both images, from a table with PITR and the environment key', () => {
    expect(table.config).toMatchObject({
      name: 'table-test-reference-ci1',
      billing_mode: 'PAY_PER_REQUEST',
      hash_key: 'dataset',
      range_key: 'key',
      stream_enabled: true,
      stream_view_type: 'NEW_AND_OLD_IMAGES',
      point_in_time_recovery: { enabled: true },
      server_side_encryption: { enabled: true, kms_key_arn: expect.stringMatching(/^\$\{aws_kms_key\..*\.arn\}$/) },
    });
  });

  it('runs an Express workflow with encrypted execution data, error logs in an encrypted log group, and tracing', () => {
    expect(express.config).toMatchObject({
      name: 'sfn-test-reference-items-ci1',
      type: 'EXPRESS',
      logging_configuration: { level: 'ERROR', include_execution_data: false },
      tracing_configuration: { enabled: true },
      encryption_configuration: { type: 'CUSTOMER_MANAGED_KMS_KEY' },
    });
    const logs = stack.one('aws_cloudwatch_log_group', 'reference-items').config;
    expect(logs).toMatchObject({ name: '/aws/vendedlogs/states/sfn-test-reference-items-ci1', retention_in_days: 14, kms_key_id: expect.stringMatching(/aws_kms_key/) });
  });

  it("writes through each lower environment's writer role, and its own role may only assume those", () => {
    const definition = JSON.parse(String(express.config['definition'])) as State;
    const branches = ((((definition['States'] as State)['EachRecord'] as State)['ItemProcessor'] as State)['States'] as State)['ToEachEnvironment'] as { Branches: Array<{ States: Record<string, State> }> };
    const tasks = branches.Branches.flatMap((branch) => Object.entries(branch.States).filter(([, state]) => state['Type'] === 'Task'));
    expect(tasks.map(([name, task]) => [name, task['Resource'], (task['Credentials'] as State)['RoleArn'], (task['Parameters'] as State)['TableName']])).toEqual([
      ['PutIntoDev', 'arn:aws:states:::dynamodb:putItem', WRITERS[0], 'table-dev-reference-main'],
      ['DeleteFromDev', 'arn:aws:states:::dynamodb:deleteItem', WRITERS[0], 'table-dev-reference-main'],
      ['PutIntoStaging', 'arn:aws:states:::dynamodb:putItem', WRITERS[1], 'table-staging-reference-main'],
      ['DeleteFromStaging', 'arn:aws:states:::dynamodb:deleteItem', WRITERS[1], 'table-staging-reference-main'],
    ]);
    const policy = statements(stack.one('aws_iam_role_policy', 'reference-items_state-machine').config['policy']);
    const outsideAccount = policy.filter((s) => s.Action.some((action) => !/^(kms|logs|xray):/.test(action)));
    expect(outsideAccount).toEqual([{ Sid: 'ActAsDestinationWriters', Effect: 'Allow', Action: ['sts:AssumeRole'], Resource: WRITERS }]);
    expect(policy.flatMap((s) => s.Action).filter((action) => action.startsWith('dynamodb:'))).toEqual([]);
  });

  it('pipes the stream into the workflow synchronously, retrying a failed batch by halves and dead-lettering it to an encrypted queue', () => {
    expect(pipe['source']).toBe(`\${aws_dynamodb_table.${table.id}.stream_arn}`);
    expect(pipe['target']).toBe(`\${aws_sfn_state_machine.${express.id}.arn}`);
    expect(pipe['target_parameters']).toEqual({ step_function_state_machine_parameters: { invocation_type: 'REQUEST_RESPONSE' } });
    const queue = stack.one('aws_sqs_queue', 'reference-items');
    expect(queue.config).toMatchObject({ name: 'sqs-test-reference-items-dlq-ci1', kms_master_key_id: expect.stringMatching(/aws_kms_key/) });
    expect(pipe['source_parameters']).toEqual({
      dynamodb_stream_parameters: {
        starting_position: 'TRIM_HORIZON',
        batch_size: 10,
        maximum_batching_window_in_seconds: 1,
        maximum_retry_attempts: 10,
        maximum_record_age_in_seconds: 86_400,
        on_partial_batch_item_failure: 'AUTOMATIC_BISECT',
        dead_letter_config: { arn: `\${aws_sqs_queue.${queue.id}.arn}` },
      },
    });
  });

  it("alarms on the dead-letter queue at the environment's threshold, through the alert topic (whose key admits the alarm)", () => {
    const alarm = stack.one('aws_cloudwatch_metric_alarm', 'reference-items').config;
    expect(alarm).toMatchObject({
      alarm_name: 'alarm-test-reference-items-dlq-messages-ci1',
      namespace: 'AWS/SQS',
      metric_name: 'ApproximateNumberOfMessagesVisible',
      dimensions: { QueueName: 'sqs-test-reference-items-dlq-ci1' },
      threshold: 1,
    });
    const alerts = stack.ofType('aws_sns_topic').find((topic) => String(topic.config['name']).includes('-alerts-'))!;
    expect(alarm['alarm_actions']).toEqual([`\${aws_sns_topic.${alerts.id}.arn}`]);
    const alarmsKey = statements(stack.one('aws_kms_key').config['policy']).find((s) => s.Sid === 'CloudWatchAlarms')!;
    expect((alarmsKey.Condition!['ArnEquals'] as Record<string, string[]>)['aws:SourceArn']).toContain(
      'arn:aws:cloudwatch:eu-west-1:123456789012:alarm:alarm-test-reference-items-dlq-messages-ci1',
    );
  });

  it('lets the pipe role read the stream, start that workflow and dead-letter, and nothing else', () => {
    const policy = bySid(stack.one('aws_iam_role_policy', 'pipe-policy').config['policy']);
    expect(policy['ReadReferenceStream']).toMatchObject({ Action: ['dynamodb:DescribeStream', 'dynamodb:GetRecords', 'dynamodb:GetShardIterator', 'dynamodb:ListStreams'], Resource: pipe['source'] });
    expect(policy['StartReplication']).toMatchObject({ Action: ['states:StartSyncExecution'], Resource: 'arn:aws:states:eu-west-1:123456789012:stateMachine:sfn-test-reference-items-ci1' });
    expect(policy['DeadLetterFailedBatches']!.Action).toEqual(['sqs:SendMessage']);
    const nonKey = Object.values(policy).flatMap((s) => s.Action).filter((action) => !action.startsWith('kms:'));
    expect(nonKey.sort()).toEqual(['dynamodb:DescribeStream', 'dynamodb:GetRecords', 'dynamodb:GetShardIterator', 'dynamodb:ListStreams', 'sqs:SendMessage', 'states:StartSyncExecution']);
    const trust = statements(stack.one('aws_iam_role', 'pipe-role').config['assume_role_policy'])[0]!;
    expect(trust.Condition).toEqual({ StringEquals: { 'aws:SourceAccount': '123456789012' }, ArnLike: { 'aws:SourceArn': 'arn:aws:pipes:eu-west-1:123456789012:pipe/pipe-test-reference-items-ci1' } });
  });
});

describe('reference items, destination side (dev, staging): a writer role only prod\'s workflow role can assume', () => {
  const stack = synthesize(testConfig({ referenceData: { replicatedFrom: PROD }, envSpecificResources: ['network/sns-endpoint', 'network/endpoint-sg', 'network/nat', 'reference-writer'] }));

  it('trusts prod\'s account only for the item-replication role, and writes only its reference table', () => {
    const role = stack.one('aws_iam_role', 'reference-writer').config;
    expect(role['name']).toBe('role-test-reference-writer-ci1');
    expect(statements(role['assume_role_policy'])).toEqual([
      {
        Sid: 'SourceItemReplicationOnly',
        Effect: 'Allow',
        Principal: { AWS: 'arn:aws:iam::333333333333:root' },
        Action: ['sts:AssumeRole'],
        Condition: { ArnEquals: { 'aws:PrincipalArn': 'arn:aws:iam::333333333333:role/role-prod-sfn-reference-items-main' } },
      },
    ]);
    const policy = bySid(stack.one('aws_iam_role_policy', 'reference-writer').config['policy']);
    const table = stack.one('aws_dynamodb_table', 'reference-table');
    expect(policy['WriteReplicatedItems']).toMatchObject({ Action: ['dynamodb:DeleteItem', 'dynamodb:PutItem'], Resource: `\${aws_dynamodb_table.${table.id}.arn}` });
  });

  it('has a reference table without a stream, and no pipe', () => {
    expect(stack.one('aws_dynamodb_table', 'reference-table').config['stream_enabled']).toBeUndefined();
    expect(stack.ofType('aws_pipes_pipe')).toEqual([]);
  });

  it('is neither side where nothing is replicated', () => {
    const plain = synthesize(testConfig());
    expect(plain.one('aws_dynamodb_table', 'reference-table').config['name']).toBe('table-test-reference-ci1');
    expect(plain.ofType('aws_iam_role').filter((r) => r.id.includes('reference'))).toEqual([]);
    expect(plain.ofType('aws_sfn_state_machine')).toHaveLength(1);
  });
});

describe('referenceItemDefinition', () => {
  const definition = referenceItemDefinition([{ environment: 'dev', tableName: 'table-dev-reference-main', writerRoleArn: WRITERS[0]! }]);
  const branch = (((((definition['States'] as State)['EachRecord'] as State)['ItemProcessor'] as State)['States'] as State)['ToEachEnvironment'] as { Branches: Array<{ States: Record<string, State> }> }).Branches[0]!;

  it('is valid Amazon States Language', () => {
    const { isValid, errorsText } = aslValidator(definition);
    expect(isValid, errorsText('\n')).toBe(true);
  });

  it('applies the records of a batch one at a time, in stream order', () => {
    expect(definition['States']).toMatchObject({ EachRecord: { Type: 'Map', ItemsPath: '$', MaxConcurrency: 1 } });
  });

  it('deletes on REMOVE by the keys and puts the new image otherwise, retrying throttling with backoff', () => {
    expect(branch.States['IsRemovalForDev']).toMatchObject({ Choices: [{ Variable: '$.eventName', StringEquals: 'REMOVE', Next: 'DeleteFromDev' }], Default: 'PutIntoDev' });
    expect(branch.States['PutIntoDev']!['Parameters']).toEqual({ TableName: 'table-dev-reference-main', 'Item.$': '$.dynamodb.NewImage' });
    expect(branch.States['DeleteFromDev']!['Parameters']).toEqual({ TableName: 'table-dev-reference-main', 'Key.$': '$.dynamodb.Keys' });
    for (const task of [branch.States['PutIntoDev']!, branch.States['DeleteFromDev']!]) {
      expect((task['Retry'] as Array<{ ErrorEquals: string[] }>)[0]!.ErrorEquals).toContain('DynamoDB.ProvisionedThroughputExceededException');
    }
  });

  it('refuses to build a workflow with nowhere to write', () => {
    expect(() => referenceItemDefinition([])).toThrow(/at least one destination/);
  });
});
