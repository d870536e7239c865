import { describe, expect, it } from 'vitest';
import { applyArgs, destroyArgs, driftArgs, initArgs, isCi, outputJsonArgs, planArgs, showJsonArgs } from '../src/terraform-args.mjs';

const record = '{"gitSha":"abc","synthHash":"sha256:def"}';

describe('terraform command lines', () => {
  it('inits real runs against the synthesized backend without -reconfigure (never an empty state by surprise), validate without one', () => {
    expect(initArgs({ backend: true })).toEqual(['init', '-input=false', '-no-color']);
    expect(initArgs({ backend: false })).toEqual(['init', '-backend=false', '-input=false', '-no-color']);
  });

  it('saves the plan, with the deployment record it will write, to a file; offline it neither refreshes nor locks', () => {
    expect(planArgs({ offline: false, record })).toEqual(['plan', '-input=false', '-lock-timeout=5m', `-var=deployment_record=${record}`, '-out=tfplan']);
    expect(planArgs({ offline: true, record })).toEqual(['plan', '-input=false', '-refresh=false', '-lock=false', `-var=deployment_record=${record}`, '-out=tfplan']);
    expect(outputJsonArgs()).toEqual(['output', '-json']);
  });

  it('checks drift with a refresh-only plan into its own file', () => {
    expect(driftArgs()).toEqual(['plan', '-refresh-only', '-detailed-exitcode', '-input=false', '-lock-timeout=5m', '-out=drift.tfplan']);
    expect(showJsonArgs('drift.tfplan')).toEqual(['show', '-json', 'drift.tfplan']);
  });

  it('applies a matching saved plan without a prompt, in CI or not', () => {
    for (const ci of [true, false]) {
      expect(applyArgs({ savedPlan: 'tfplan' })).toEqual({ args: ['apply', '-input=false', '-lock-timeout=5m', 'tfplan'], interactive: false });
      expect(applyArgs({ record, ci }).args).toContain(`-var=deployment_record=${record}`);
    }
  });

  it('auto-approves only in CI; a person confirms at terraform apply / destroy prompts', () => {
    expect(applyArgs({ record, ci: true })).toEqual({ args: ['apply', '-input=false', '-auto-approve', '-lock-timeout=5m', `-var=deployment_record=${record}`], interactive: false });
    expect(applyArgs({ record, ci: false })).toEqual({ args: ['apply', '-lock-timeout=5m', `-var=deployment_record=${record}`], interactive: true });
    expect(destroyArgs({ ci: true }).args).toContain('-auto-approve');
    expect(destroyArgs({ ci: false })).toEqual({ args: ['destroy', '-lock-timeout=5m'], interactive: true });
  });

  it('takes CI=true, and nothing else, as CI', () => {
    expect(isCi({ CI: 'true' })).toBe(true);
    expect(isCi({ CI: '1' })).toBe(false);
    expect(isCi({})).toBe(false);
  });
});
