import { describe, expect, it } from 'vitest';
import { synthesize, testConfig } from './fixtures/environment.js';

describe('data protection (SPEC §2)', () => {
  const protectedStack = synthesize(testConfig({ protection: true }));
  const destroyableStack = synthesize(testConfig({ protection: false }));

  it('keeps a protected bucket when destroy runs: no force_destroy, prevent_destroy', () => {
    expect(protectedStack.ofType('aws_s3_bucket')).toHaveLength(2);
    for (const bucket of protectedStack.ofType('aws_s3_bucket')) expect(bucket.config).toMatchObject({ force_destroy: false, lifecycle: { prevent_destroy: true } });
  });

  it('turns on deletion protection for every protected table: run metadata and reference data', () => {
    expect(protectedStack.ofType('aws_dynamodb_table')).toHaveLength(2);
    for (const table of protectedStack.ofType('aws_dynamodb_table')) expect(table.config).toMatchObject({ deletion_protection_enabled: true, lifecycle: { prevent_destroy: true } });
  });

  it('gives a protected key the full 30-day deletion window', () => {
    expect(protectedStack.one('aws_kms_key').config).toMatchObject({ deletion_window_in_days: 30, lifecycle: { prevent_destroy: true } });
  });

  it('leaves a destroyable environment without any of them', () => {
    expect(destroyableStack.ofType('aws_s3_bucket')).toHaveLength(2);
    for (const bucket of destroyableStack.ofType('aws_s3_bucket')) expect(bucket.config).toMatchObject({ force_destroy: true });
    for (const table of destroyableStack.ofType('aws_dynamodb_table')) expect(table.config).toMatchObject({ deletion_protection_enabled: false });
    expect(destroyableStack.one('aws_kms_key').config).toMatchObject({ deletion_window_in_days: 7 });
    // create_before_destroy (the console's certificate) is fine; nothing may refuse a destroy.
    for (const resource of destroyableStack.resources) {
      expect((resource.config['lifecycle'] as { prevent_destroy?: unknown } | undefined)?.prevent_destroy, `${resource.type}.${resource.id}`).toBeUndefined();
    }
    expect(destroyableStack.one('aws_lb').config).toMatchObject({ enable_deletion_protection: false });
  });
});
