import { loadEnvironmentConfig } from '@data-platform/config';
import { checkParity, resourceManifest } from '@data-platform/constructs';
import { synthesizedApp, WORKSPACE_ROOT } from '@data-platform/testing';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const APPS = ['infra-dev', 'infra-staging', 'infra-prod'] as const;

const environments = APPS.map((app) => {
  const context = (JSON.parse(readFileSync(join(WORKSPACE_ROOT, 'apps', app, 'cdktf.json'), 'utf8')) as { context: unknown }).context;
  const config = loadEnvironmentConfig(context);
  return { name: config.environment, stack: synthesizedApp(app), envSpecificResources: config.envSpecificResources };
});

describe('environment parity (SPEC §3.9)', () => {
  it('dev, staging and prod have the same topology apart from declared env-specific resources', () => {
    expect(checkParity(environments)).toEqual([]);
  });

  it('would flag a resource one environment has and does not declare', () => {
    const undeclared = environments.map((env) => ({ ...env, envSpecificResources: [] }));
    // Every environment has the Secrets Manager endpoint (the migration function reads the master secret); only staging and prod trace.
    const problems = checkParity(undeclared);
    expect(problems.map((p) => p.resource)).toEqual([
      'aws_cloudwatch_log_group:reference-items_state-machine_logs',
      'aws_cloudwatch_metric_alarm:reference-items_reference-items-dlq-messages',
      'aws_iam_role:reference-items_pipe-role',
      'aws_iam_role:reference-items_state-machine_role',
      'aws_iam_role:reference-replication_role',
      'aws_iam_role:reference-writer_role',
      'aws_iam_role_policy:reference-items_pipe-policy',
      'aws_iam_role_policy:reference-items_state-machine_policy',
      'aws_iam_role_policy:reference-replication_policy',
      'aws_iam_role_policy:reference-writer_policy',
      'aws_pipes_pipe:reference-items_pipe',
      'aws_s3_bucket_replication_configuration:reference-replication_rules',
      'aws_sfn_state_machine:reference-items_state-machine',
      'aws_sqs_queue:reference-items_dlq_queue',
      'aws_vpc_endpoint:network_xray-endpoint',
    ]);
    // Only prod replicates reference data down (SPEC §3.11), and it says so; dev and staging carry the role prod writes items through.
    const presence = (path: string) => [...new Set(problems.filter((p) => p.resource.includes(`:${path}_`)).map((p) => p.presentIn.join()))];
    expect([presence('reference-replication'), presence('reference-items'), presence('reference-writer')]).toEqual([['prod'], ['prod'], ['dev,staging']]);
  });

  it('differs between environments only in values, not in resource types', () => {
    const types = environments.map((env) => Object.keys(resourceManifest(env.name, env.stack).countsByType));
    // The types only prod has: the S3 replication of reference/ and the pipe of reference items, declared env-specific.
    expect(types[2]!.filter((type) => type !== 'aws_s3_bucket_replication_configuration' && type !== 'aws_pipes_pipe')).toEqual(types[1]);
    expect(new Set([...types[1]!, ...types[0]!])).toEqual(new Set(types[1]));
  });
});
