import { describe, expect, it } from 'vitest';
import { currentGitSha, deployedRecord, encodeRecord } from '../src/deployment-record.mjs';

const SYNTH = `sha256:${'c'.repeat(64)}`;

describe('deployment record', () => {
  it('round-trips through the variable and the state output', () => {
    const value = encodeRecord({ gitSha: 'abc123', synthHash: SYNTH });
    expect(JSON.parse(value)).toEqual({ gitSha: 'abc123', synthHash: SYNTH });
    expect(deployedRecord({ 'deployment-record': { value, type: 'string', sensitive: false } })).toEqual({ gitSha: 'abc123', synthHash: SYNTH });
  });

  it('reads as none before the first deploy through the runner, or from an empty state', () => {
    expect(deployedRecord({ 'deployment-record': { value: '{"gitSha":"unknown","synthHash":"unknown"}' } })).toBeUndefined();
    expect(deployedRecord({})).toBeUndefined();
    expect(deployedRecord({ 'deployment-record': { value: 'not json' } })).toBeUndefined();
  });

  it('takes the commit from GIT_SHA (CI), else from the checkout', () => {
    expect(currentGitSha({ GIT_SHA: 'feedface' })).toBe('feedface');
    expect(currentGitSha({})).toMatch(/^[0-9a-f]{40}(-dirty)?$/);
  });
});
