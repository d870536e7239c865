import { describe, expect, it } from 'vitest';
import { GOVERNANCE_RULES, type GovernanceRule, type SynthesizedResource } from '@data-platform/constructs';

const rule = (id: string): GovernanceRule => {
  const found = GOVERNANCE_RULES.find((r) => r.id === id);
  if (!found) throw new Error(`no rule ${id}`);
  return found;
};
const resource = (type: string, config: Record<string, unknown>, id = 'subject'): SynthesizedResource => ({ type, id, config });
const check = (id: string, subject: SynthesizedResource, others: SynthesizedResource[] = []) =>
  rule(id).check(subject, { environmentSuffix: 'pr7', resources: [subject, ...others] });

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

});
