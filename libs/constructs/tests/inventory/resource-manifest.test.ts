import { describe, expect, it } from 'vitest';
import { Testing } from 'cdktf';
import { checkParity, topologyKey } from '../../src/inventory/environment-parity.js';
import { EnvironmentStack } from '../../src/stack/environment-stack.js';
import { manifestMarkdown, resourceManifest } from '../../src/inventory/resource-manifest.js';
import { SynthesizedStack, type TerraformJson } from '../../src/stack/synthesized-stack.js';
import { builtArtifacts, synthesize, testConfig } from '../fixtures/environment.js';

describe('resourceManifest', () => {
  const manifest = resourceManifest('test', synthesize(testConfig()));

  it('lists every resource with its physical name and key settings', () => {
    const transform = manifest.resources.find((r) => r.name === 'lambda-test-transform-ci1')!;
    expect(transform).toMatchObject({
      type: 'aws_lambda_function',
      settings: { runtime: 'nodejs22.x', architectures: ['arm64'], memory_size: 768, timeout: 120, 'tracing_config.mode': 'Active' },
    });
    const table = manifest.resources.find((r) => r.name === 'table-test-pipeline-metadata-ci1')!;
    expect(table.settings).toEqual({ billing_mode: 'PROVISIONED', read_capacity: 7, write_capacity: 3, 'point_in_time_recovery.enabled': true });
    expect(manifest.resources.find((r) => r.type === 'aws_s3_bucket_lifecycle_configuration' && r.address.includes('ingest-bucket'))!.settings).toEqual({
      'rule.0.expiration.0.days': 400,
      'rule.0.transition.0.days': 120,
      'rule.0.transition.0.storage_class': 'GLACIER',
    });
    expect(manifest.resourceCount).toBe(manifest.resources.length);
    expect(Object.values(manifest.countsByType).reduce((a, b) => a + b, 0)).toBe(manifest.resourceCount);
  });

  it('renders a Markdown inventory with counts per type and every resource', () => {
    const markdown = manifestMarkdown(manifest);
    expect(markdown).toContain(`## test: ${manifest.resourceCount} resources`);
    expect(markdown).toContain('| `aws_lambda_function` | 10 |');
    expect(markdown).toMatch(/\| `aws_lambda_function` \| lambda-test-validate-ci1 \| runtime=nodejs22.x, architectures=\["arm64"\], memory_size=768/);
  });
});

describe('checkParity', () => {
  const stackOf = (ids: Record<string, string[]>) =>
    new SynthesizedStack({ resource: Object.fromEntries(Object.entries(ids).map(([type, list]) => [type, Object.fromEntries(list.map((id) => [id, {}]))])) });

  it('folds list indices and hashes so count knobs are not topology', () => {
    expect(topologyKey('aws_sns_topic_subscription', 'pipeline_alert-topic_email-1_0A1B2C3D')).toBe('aws_sns_topic_subscription:pipeline_alert-topic_email-N');
  });

  it('flags an undeclared resource and names where it is missing', () => {
    const a = { name: 'dev', stack: stackOf({ aws_sqs_queue: ['q_1234ABCD'] }), envSpecificResources: [] };
    const b = { name: 'prod', stack: stackOf({ aws_sqs_queue: ['q_1234ABCD'], aws_sns_topic: ['extra_5678ABCD'] }), envSpecificResources: [] };
    expect(checkParity([a, b])).toEqual([{ resource: 'aws_sns_topic:extra', presentIn: ['prod'], missingFrom: ['dev'] }]);
    expect(checkParity([a, { ...b, envSpecificResources: ['extra'] }])).toEqual([]);
  });
});

describe('resourceManifest suppressions', () => {
  it('lists every governance suppression with its reason, as synthesized for the app', () => {
    // Testing.synth strips the `//` comments that carry suppressions; the app's own synth keeps them.
    const stack = new EnvironmentStack(Testing.app(), testConfig({ lambda: { processingMemoryMb: 512, apiMemoryMb: 256, tracing: false } }), builtArtifacts());
    const manifest = resourceManifest('test', new SynthesizedStack(stack.toTerraform() as TerraformJson));
    expect(new Set(manifest.suppressions.map((s) => s.rule))).toEqual(
      new Set(['lambda-xray-tracing', 'lambda-reserved-concurrency', 'sfn-xray-tracing', 's3-bucket-kms-encryption', 's3-access-logging', 'name-includes-suffix']),
    );
    expect(manifest.suppressions.every((s) => s.reason.length > 20)).toBe(true);
    expect(manifestMarkdown(manifest)).toMatch(/\| `aws_s3_bucket\.pipeline_access-logs_bucket_\w+` \| s3-bucket-kms-encryption \| S3 server access log delivery supports only SSE-S3/);
  });
});
