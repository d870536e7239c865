import { describe, expect, it } from 'vitest';
import { changedAttributes, classifyDrift, driftError } from '../src/drift-classifier.mjs';
import { loadFixture } from './support/fixtures.js';

// Recorded from terraform 1.11.4 (see fixtures/record-fixtures.mjs): real runs where noted.
const noDrift = loadFixture('refresh-no-drift.json');
const drift = loadFixture('refresh-drift.json');
const outputsOnly = loadFixture('refresh-outputs-only.json'); // real: exit 2, only an output changes
const emptyState = loadFixture('refresh-empty-state.json'); // real: never deployed

describe('classifyDrift', () => {
  it('reports no drift when every object still matches its state', () => {
    const report = classifyDrift(noDrift);
    expect(report).toMatchObject({ status: 'no-drift', exitCode: 0, terraformExitCode: 0, drifted: [], outputs: [], notes: [] });
  });

  it('reports each resource changed or deleted outside Terraform, with the attributes that moved', () => {
    const report = classifyDrift(drift);
    expect(report.status).toBe('drift');
    expect(report.exitCode).toBe(2);
    expect(report.drifted).toEqual([
      { address: 'aws_lambda_function.pipeline_transform_function_44F27014', type: 'aws_lambda_function', change: 'update', attributes: ['memory_size'] },
      { address: 'aws_s3_bucket.pipeline_ingest-bucket_3CAD4E30', type: 'aws_s3_bucket', change: 'update', attributes: ['tags', 'tags_all'] },
      { address: 'aws_sqs_queue.pipeline_dlq_queue_36EE1DCC', type: 'aws_sqs_queue', change: 'delete', attributes: [] },
    ]);
    expect(report.notes).toEqual([]);
  });

  it('does not call exit code 2 drift when only output values change (a real terraform 1.11 run)', () => {
    expect(outputsOnly.exitCode).toBe(2);
    expect(outputsOnly.plan.resource_drift).toBeUndefined();
    const report = classifyDrift(outputsOnly);
    expect(report.status).toBe('no-drift');
    expect(report.exitCode).toBe(0);
    expect(report.outputs).toContain('bucket-name');
    expect(report.notes[0]).toMatch(/^terraform exited 2 because output values would change \(.*bucket-name.*\); outputs are not infrastructure, so this is not drift$/);
  });

  it('does not call exit code 2 drift when the plan records no change at all (terraform#36403)', () => {
    const report = classifyDrift({ exitCode: 2, plan: noDrift.plan });
    expect(report).toMatchObject({ status: 'no-drift', exitCode: 0, terraformExitCode: 2 });
    expect(report.notes).toEqual(['terraform exited 2 but the plan records no change at all; not drift']);
  });

  it('finds drift even when the binary exits 0 (OpenTofu refresh-only, opentofu#3107)', () => {
    const report = classifyDrift({ exitCode: 0, plan: drift.plan });
    expect(report.status).toBe('drift');
    expect(report.exitCode).toBe(2);
    expect(report.notes[0]).toContain('terraform exited 0 although the plan records drift');
  });

  it('notes an environment that was never deployed (a real refresh of an empty state)', () => {
    const report = classifyDrift(emptyState);
    expect(report.status).toBe('no-drift');
    expect(report.notes).toContain('the state holds no resources: the environment has not been deployed yet');
  });

  it('counts a change proposed in resource_changes of a refresh-only plan as drift too', () => {
    const plan = { resource_changes: [{ address: 'aws_sqs_queue.q', type: 'aws_sqs_queue', change: { actions: ['update'], before: { a: 1 }, after: { a: 2 } } }] };
    expect(classifyDrift({ exitCode: 2, plan }).drifted).toEqual([{ address: 'aws_sqs_queue.q', type: 'aws_sqs_queue', change: 'update', attributes: ['a'] }]);
  });

  it('reports an error for a failed plan, an unreadable plan or an errored one', () => {
    expect(classifyDrift({ exitCode: 1, plan: undefined })).toMatchObject({ status: 'error', exitCode: 1, error: 'terraform plan -refresh-only failed (exit 1)' });
    expect(classifyDrift({ exitCode: 0, plan: undefined })).toMatchObject({ status: 'error', exitCode: 1 });
    expect(classifyDrift({ exitCode: 2, plan: { ...drift.plan, errored: true } })).toMatchObject({ status: 'error', exitCode: 1 });
    expect(driftError('no AWS credentials for dev', null)).toMatchObject({ status: 'error', exitCode: 1, terraformExitCode: null });
  });
});

describe('changedAttributes', () => {
  it('names top-level attributes whose values differ, never the values', () => {
    expect(changedAttributes({ a: 1, b: { c: 1 }, d: 'x' }, { a: 1, b: { c: 2 }, e: 'y' })).toEqual(['b', 'd', 'e']);
    expect(changedAttributes({ a: 1 }, null)).toEqual([]);
  });
});
