import { describe, expect, it } from 'vitest';
import { decideSavedPlan, decideWithoutSavedPlan, refuseOtherAccount } from '../src/deploy-decision.mjs';

const SYNTH = 'sha256:1111111111111111111111111111111111111111111111111111111111111111';
const OTHER_SYNTH = 'sha256:2222222222222222222222222222222222222222222222222222222222222222';
const PLAN = 'a'.repeat(64);
const matching = { matches: true, reason: 'saved plan from 2026-11-29 matches the current synth (111111111111)' };
const stale = { matches: false, reason: 'the synth changed since the plan was made (333333333333 -> 111111111111)' };

describe('deploy decision', () => {
  describe('with a reviewed plan named (--plan-sha256, the apply job)', () => {
    it('applies exactly that plan', () => {
      expect(decideSavedPlan({ environment: 'prod', match: matching, requiredPlanSha256: PLAN, planSha256: PLAN })).toEqual({
        action: 'apply-saved',
        reason: 'applying the reviewed plan aaaaaaaaaaaa',
      });
    });
    it('refuses another plan file, a missing one, or one that no longer matches the synth; never plans anew', () => {
      expect(() => decideSavedPlan({ environment: 'prod', match: matching, requiredPlanSha256: PLAN, planSha256: 'b'.repeat(64) })).toThrow(
        'refusing to deploy prod: the saved plan is bbbbbbbbbbbb, not the reviewed plan aaaaaaaaaaaa',
      );
      expect(() => decideSavedPlan({ environment: 'prod', match: { matches: false, reason: 'no saved plan' }, requiredPlanSha256: PLAN })).toThrow(
        'refusing to deploy prod: the reviewed plan aaaaaaaaaaaa cannot be applied (no saved plan)',
      );
      expect(() => decideSavedPlan({ environment: 'prod', match: stale, requiredPlanSha256: PLAN, planSha256: PLAN })).toThrow(/synth changed/);
    });
  });

  it('applies a saved plan that matches, and otherwise looks at the deployed record', () => {
    expect(decideSavedPlan({ environment: 'dev', match: matching, planSha256: PLAN })?.action).toBe('apply-saved');
    expect(decideSavedPlan({ environment: 'dev', match: stale, planSha256: PLAN })).toBeUndefined();
  });

  describe('without a saved plan', () => {
    const base = { synthHash: SYNTH, force: false, ci: true, binary: 'terraform' };
    it('does nothing when the synth is what is deployed: a promotion step that carries no change', () => {
      expect(decideWithoutSavedPlan({ ...base, deployed: { gitSha: '0123456789abcdef', synthHash: SYNTH } })).toEqual({
        action: 'skip',
        reason: 'nothing to deploy: synth 111111111111 is already deployed (git 0123456789ab); --force applies anyway',
      });
    });
    it('plans and applies when the synth differs, nothing was recorded yet, or --force', () => {
      expect(decideWithoutSavedPlan({ ...base, deployed: { gitSha: 'x', synthHash: OTHER_SYNTH } })).toEqual({
        action: 'plan-and-apply',
        reason: 'deployed synth is 222222222222, this one is 111111111111; planning and applying (-auto-approve: CI=true)',
      });
      expect(decideWithoutSavedPlan({ ...base, ci: false, deployed: undefined }).reason).toBe(
        'no deployment record yet; terraform apply will show the plan and ask for confirmation',
      );
      expect(decideWithoutSavedPlan({ ...base, force: true, deployed: { gitSha: 'x', synthHash: SYNTH } }).action).toBe('plan-and-apply');
    });
  });

  it('refuses a saved plan made against another account', () => {
    expect(() => refuseOtherAccount({ environment: 'prod', planned: '333333333333', current: '111111111111' })).toThrow(
      'refusing to deploy prod: the saved plan was made against account 333333333333, these credentials are for account 111111111111',
    );
    expect(() => refuseOtherAccount({ environment: 'prod', planned: '333333333333', current: '333333333333' })).not.toThrow();
  });
});
