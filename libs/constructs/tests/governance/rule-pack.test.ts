import { describe, expect, it } from 'vitest';
import { GOVERNANCE_RULES } from '../../src/aspects/rules/index.js';
import { type GovernanceRule } from '../../src/aspects/rules/rule.js';
import { DATA_FIXTURES } from './fixtures/data-fixtures.js';
import { SUFFIX, type FixtureCase, type RuleFixture } from './fixtures/fixture.js';
import { IAM_FIXTURES } from './fixtures/iam-fixtures.js';
import { PLATFORM_FIXTURES } from './fixtures/platform-fixtures.js';
import { S3_FIXTURES } from './fixtures/s3-fixtures.js';
import { SERVICE_FIXTURES } from './fixtures/service-fixtures.js';

const FIXTURES: Record<string, RuleFixture> = { ...S3_FIXTURES, ...DATA_FIXTURES, ...PLATFORM_FIXTURES, ...IAM_FIXTURES, ...SERVICE_FIXTURES };

const run = (rule: GovernanceRule, { subject, siblings = [], protection = false }: FixtureCase) =>
  rule.check(subject, { environmentSuffix: SUFFIX, protection, resources: [subject, ...siblings] });

describe('the governance rule pack', () => {
  it('has at least 30 controls with unique ids', () => {
    expect(GOVERNANCE_RULES.length).toBeGreaterThanOrEqual(30);
    expect(new Set(GOVERNANCE_RULES.map((r) => r.id)).size).toBe(GOVERNANCE_RULES.length);
  });

  it('gives every rule a compliant and a non-compliant fixture', () => {
    expect(GOVERNANCE_RULES.map((r) => r.id).filter((id) => !FIXTURES[id])).toEqual([]);
    expect(Object.keys(FIXTURES).filter((id) => !GOVERNANCE_RULES.some((r) => r.id === id))).toEqual([]);
  });

  it('tags rules only with well-formed checkov and trivy IDs', () => {
    for (const rule of GOVERNANCE_RULES) {
      for (const id of rule.scannerIds) expect(id, rule.id).toMatch(/^(CKV2?_AWS_\d+|AVD-AWS-\d{4})$/);
    }
  });

  describe.each(GOVERNANCE_RULES.map((rule) => [rule.id, rule] as const))('%s', (_id, rule) => {
    it('accepts the compliant fixture', () => {
      expect(run(rule, FIXTURES[rule.id]!.compliant)).toEqual([]);
    });
    it('flags the non-compliant fixture', () => {
      const { finding, ...fixture } = FIXTURES[rule.id]!.nonCompliant;
      const findings = run(rule, fixture);
      expect(findings.some((message) => finding.test(message)), findings.join('\n') || 'no findings').toBe(true);
    });
  });
});
