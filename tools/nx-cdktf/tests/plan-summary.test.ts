import { describe, expect, it } from 'vitest';
import { changeKind, planMarker, planSummaryMarkdown, summarizePlan, type PlanJson } from '../src/plan-summary.mjs';
import { loadFixture } from './support/fixtures.js';

const offlinePlan = loadFixture('offline-plan.json') as PlanJson;
const replacePlan = loadFixture('plan-replace.json') as PlanJson;
const dev = { project: 'infra-dev', environment: 'dev' } as const;

describe('changeKind', () => {
  it('reads Terraform action lists, both replacement orders included', () => {
    expect(changeKind(['create'])).toBe('create');
    expect(changeKind(['delete', 'create'])).toBe('replace');
    expect(changeKind(['create', 'delete'])).toBe('replace');
    expect(changeKind(['update'])).toBe('update');
    expect(changeKind(['delete'])).toBe('delete');
    expect(changeKind(['read'])).toBe('read');
    expect(changeKind(['no-op'])).toBe('no-op');
    expect(changeKind(['forget'])).toBe('forget');
  });
});

describe('summarizePlan', () => {
  it('counts every create of the real offline dev plan, per resource type', () => {
    const summary = summarizePlan(offlinePlan);
    const creates = (offlinePlan.resource_changes ?? []).filter((rc) => rc.change.actions.join() === 'create').length;
    expect(creates).toBeGreaterThan(50);
    expect(summary).toMatchObject({ add: creates, change: 0, destroy: 0, replaced: [], destroyed: [] });
    expect(summary.byType['aws_lambda_function']).toEqual({ add: 3, change: 0, destroy: 0, replace: 0 });
    expect(Object.values(summary.byType).reduce((sum, c) => sum + c.add, 0)).toBe(creates);
    expect(Object.keys(summary.byType)).toEqual([...Object.keys(summary.byType)].sort());
  });

  it('counts a replacement as one add and one destroy, as Terraform does, and names what forces it', () => {
    const summary = summarizePlan(replacePlan);
    expect(summary).toMatchObject({ add: 1, change: 1, destroy: 2 });
    expect(summary.replaced).toEqual([
      { address: 'aws_dynamodb_table.pipeline_metadata-table_A33E829D', reason: 'cannot be updated in place', attributes: ['hash_key'] },
    ]);
    expect(summary.byType['aws_dynamodb_table']).toEqual({ add: 1, change: 0, destroy: 1, replace: 1 });
    expect(summary.destroyed).toEqual(['aws_ssm_parameter.output-alert-topic-arn']);
  });

  it('ignores no-op changes and data source reads, and counts imports and changed outputs', () => {
    const summary = summarizePlan({
      resource_changes: [
        { address: 'data.aws_caller_identity.me', type: 'aws_caller_identity', mode: 'data', change: { actions: ['read'] } },
        { address: 'aws_sqs_queue.q', type: 'aws_sqs_queue', change: { actions: ['no-op'] } },
        { address: 'aws_s3_bucket.b', type: 'aws_s3_bucket', change: { actions: ['no-op'], importing: { id: 'bucket' } } },
      ],
      output_changes: { kept: { actions: ['no-op'] }, renamed: { actions: ['update'] } },
    });
    expect(summary).toMatchObject({ add: 0, change: 0, destroy: 0, import: 1, byType: {}, outputs: ['renamed'] });
  });
});

describe('planSummaryMarkdown', () => {
  it('heads the summary with the totals, the environment and a marker CI updates in place', () => {
    const markdown = planSummaryMarkdown({ ...dev, mode: 'offline' }, summarizePlan(offlinePlan));
    const add = summarizePlan(offlinePlan).add;
    expect(markdown.split('\n')[0]).toBe(planMarker('infra-dev'));
    expect(markdown).toContain(`### infra-dev (dev): ${add} to add, 0 to change, 0 to destroy`);
    expect(markdown).toContain('offline plan: local empty state, no AWS calls');
    expect(markdown).toContain('| `aws_lambda_function` | 3 | 0 | 0 | 0 |');
  });

  it('calls out replaced and destroyed resources by name, above the table', () => {
    const markdown = planSummaryMarkdown({ ...dev, mode: 'remote', backend: { bucket: 'myapp-terraform-state', key: 'myapp/dev/DataPipeline-Dev-Stack.tfstate' } }, summarizePlan(replacePlan));
    expect(markdown).toContain('plan against the state in s3://myapp-terraform-state/myapp/dev/DataPipeline-Dev-Stack.tfstate');
    expect(markdown).toContain('**1 replaced** (destroyed and re-created):\n- `aws_dynamodb_table.pipeline_metadata-table_A33E829D`: cannot be updated in place (`hash_key`)');
    expect(markdown).toContain('**1 destroyed**:\n- `aws_ssm_parameter.output-alert-topic-arn`');
    expect(markdown.indexOf('replaced')).toBeLessThan(markdown.indexOf('| resource type |'));
  });

  it('says so when nothing changes', () => {
    const markdown = planSummaryMarkdown({ ...dev, mode: 'remote', backend: { bucket: 'b', key: 'k' } }, summarizePlan({ resource_changes: [] }));
    expect(markdown).toContain('0 to add, 0 to change, 0 to destroy');
    expect(markdown).toContain('No changes: the infrastructure matches the configuration.');
    expect(markdown).not.toContain('| resource type |');
  });

  it('keeps long lists readable in a PR comment', () => {
    const deletes = Array.from({ length: 45 }, (_, i) => ({ address: `aws_sqs_queue.q${i}`, type: 'aws_sqs_queue', change: { actions: ['delete'] } }));
    const markdown = planSummaryMarkdown({ ...dev, mode: 'remote', backend: { bucket: 'b', key: 'k' } }, summarizePlan({ resource_changes: deletes }));
    expect(markdown).toContain('**45 destroyed**');
    expect(markdown).toContain('- `aws_sqs_queue.q29`');
    expect(markdown).not.toContain('- `aws_sqs_queue.q30`');
    expect(markdown).toContain('- … and 15 more');
  });
});
