import { describe, expect, it } from 'vitest';
import { classifyDrift } from '../src/drift-classifier.mjs';
import { driftHeadline, driftMarker, driftMarkdown } from '../src/drift-summary.mjs';
import { loadFixture } from './support/fixtures.js';

const context = { project: 'infra-dev', environment: 'dev', stack: 'DataPipeline-Dev-Stack', checkedAt: '2026-11-22T04:17:00.000Z' };

describe('drift summary', () => {
  it('lists drifted resources with what happened to them and how to resolve it', () => {
    const summary = { ...context, ...classifyDrift(loadFixture('refresh-drift.json')) };
    const markdown = driftMarkdown(summary);
    expect(markdown.startsWith(driftMarker('infra-dev'))).toBe(true);
    expect(markdown).toContain('### infra-dev (dev): drift: 3 resources changed outside Terraform');
    expect(markdown).toContain('| `aws_sqs_queue.pipeline_dlq_queue_36EE1DCC` | deleted | — |');
    expect(markdown).toContain('| `aws_lambda_function.pipeline_transform_function_44F27014` | modified | `memory_size` |');
    expect(markdown).toContain('npx nx run infra-dev:deploy');
    expect(driftHeadline(summary)).toBe(
      'infra-dev: drift: 3 resources changed outside Terraform (aws_lambda_function.pipeline_transform_function_44F27014, aws_s3_bucket.pipeline_ingest-bucket_3CAD4E30, aws_sqs_queue.pipeline_dlq_queue_36EE1DCC)',
    );
  });

  it('says no drift, with the note explaining a misleading exit code', () => {
    const summary = { ...context, ...classifyDrift(loadFixture('refresh-outputs-only.json')) };
    expect(driftHeadline(summary)).toBe('infra-dev: no drift');
    expect(driftMarkdown(summary)).toContain('### infra-dev (dev): no drift');
    expect(driftMarkdown(summary)).toContain('- terraform exited 2 because output values would change');
  });

  it('reports an error with its one-line reason', () => {
    const summary = { ...context, ...classifyDrift({ exitCode: 1, plan: undefined }) };
    expect(driftMarkdown(summary)).toContain('### infra-dev (dev): drift check failed\n\n_DataPipeline-Dev-Stack, checked 2026-11-22T04:17:00.000Z_\n\n> terraform plan -refresh-only failed (exit 1)');
    expect(driftHeadline(summary)).toBe('infra-dev: drift check error: terraform plan -refresh-only failed (exit 1)');
  });
});
