import { describe, expect, it } from 'vitest';
import { GOVERNANCE_RULES } from '../../src/aspects/rules/index.js';
import { type GovernanceRule, type SynthesizedResource } from '../../src/aspects/rules/rule.js';

const rule = (id: string): GovernanceRule => {
  const found = GOVERNANCE_RULES.find((r) => r.id === id);
  if (!found) throw new Error(`no rule ${id}`);
  return found;
};
const resource = (type: string, config: Record<string, unknown>, id = 'subject'): SynthesizedResource => ({ type, id, config });
const check = (id: string, subject: SynthesizedResource, others: SynthesizedResource[] = [], protection = false) =>
  rule(id).check(subject, { environmentSuffix: 'pr7', protection, resources: [subject, ...others] });

describe('governance rules', () => {
  describe('name-includes-suffix', () => {
    it('accepts a name with the suffix as a segment', () => {
      expect(check('name-includes-suffix', resource('aws_sqs_queue', { name: 'sqs-dev-dlq-pr7' }))).toEqual([]);
      expect(check('name-includes-suffix', resource('aws_s3_bucket', { bucket: 'myapp-dev-data-pr7' }))).toEqual([]);
      expect(check('name-includes-suffix', resource('aws_ssm_parameter', { name: '/myapp/dev/pr7/outputs/x' }))).toEqual([]);
    });
    it('rejects a name without it, or with it only inside a word', () => {
      expect(check('name-includes-suffix', resource('aws_lambda_function', { function_name: 'lambda-dev-transform' }))).toEqual([
        "function_name 'lambda-dev-transform' does not contain the environment suffix 'pr7'",
      ]);
      expect(check('name-includes-suffix', resource('aws_sqs_queue', { name: 'sqs-dev-dlqpr7' }))).toHaveLength(1);
    });
  });

  describe('log-retention-set', () => {
    it('accepts a log group with retention and rejects one without', () => {
      expect(check('log-retention-set', resource('aws_cloudwatch_log_group', { retention_in_days: 7 }))).toEqual([]);
      expect(check('log-retention-set', resource('aws_cloudwatch_log_group', { name: 'x' }))).toEqual(['log group has no retention_in_days']);
    });
  });

  describe('destroyable', () => {
    it('accepts a destroyable database and bucket', () => {
      expect(check('destroyable', resource('aws_rds_cluster', { deletion_protection: false, skip_final_snapshot: true }))).toEqual([]);
      expect(check('destroyable', resource('aws_s3_bucket', { force_destroy: true }))).toEqual([]);
    });
    it('rejects prevent_destroy, deletion protection, final snapshots and buckets without force_destroy', () => {
      expect(check('destroyable', resource('aws_dynamodb_table', { lifecycle: { prevent_destroy: true }, deletion_protection_enabled: true }))).toEqual([
        'lifecycle.prevent_destroy is set',
        'deletion_protection_enabled is on',
      ]);
      expect(check('destroyable', resource('aws_rds_cluster', { skip_final_snapshot: false }))).toHaveLength(1);
      expect(check('destroyable', resource('aws_s3_bucket', {}))).toEqual(['force_destroy is off, so a non-empty bucket blocks destroy']);
    });
  });

  describe('destroyable where protection is on', () => {
    it('does not apply: a protected environment keeps its stores', () => {
      expect(check('destroyable', resource('aws_s3_bucket', { force_destroy: false, lifecycle: { prevent_destroy: true } }), [], true)).toEqual([]);
    });
  });

  describe('protected-stores', () => {
    const protectedCheck = (subject: SynthesizedResource) => check('protected-stores', subject, [], true);
    it('accepts protected stores', () => {
      const keep = { lifecycle: { prevent_destroy: true } };
      expect(protectedCheck(resource('aws_s3_bucket', { force_destroy: false, ...keep }))).toEqual([]);
      expect(protectedCheck(resource('aws_dynamodb_table', { deletion_protection_enabled: true, ...keep }))).toEqual([]);
      expect(protectedCheck(resource('aws_kms_key', { deletion_window_in_days: 30, ...keep }))).toEqual([]);
      expect(protectedCheck(resource('aws_rds_cluster', { deletion_protection: true, skip_final_snapshot: false, ...keep }))).toEqual([]);
    });
    it('rejects an unprotected store in a protected environment', () => {
      expect(protectedCheck(resource('aws_s3_bucket', { force_destroy: true }))).toEqual([
        'force_destroy is true; a protected store needs no force_destroy',
        'lifecycle.prevent_destroy is not set, so a destroy or replacement would reach the data',
      ]);
      expect(protectedCheck(resource('aws_dynamodb_table', { deletion_protection_enabled: false, lifecycle: { prevent_destroy: true } }))).toEqual([
        'deletion_protection_enabled is false; a protected store needs deletion_protection_enabled',
      ]);
      expect(protectedCheck(resource('aws_kms_key', { deletion_window_in_days: 7, lifecycle: { prevent_destroy: true } }))).toHaveLength(1);
      expect(protectedCheck(resource('aws_rds_cluster', { deletion_protection: true, skip_final_snapshot: true, lifecycle: { prevent_destroy: true } }))).toHaveLength(1);
    });
    it('ignores resources that hold no data, and destroyable environments', () => {
      expect(protectedCheck(resource('aws_sqs_queue', {}))).toEqual([]);
      expect(check('protected-stores', resource('aws_s3_bucket', { force_destroy: true }))).toEqual([]);
    });
  });

  it('every rule has a unique id', () => {
    expect(new Set(GOVERNANCE_RULES.map((r) => r.id)).size).toBe(GOVERNANCE_RULES.length);
  });
});
