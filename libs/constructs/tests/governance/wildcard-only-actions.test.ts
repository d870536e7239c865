import { isWildcardOnlyAction } from '@cloud-copilot/iam-simulate';
import { describe, expect, it } from 'vitest';
import { WILDCARD_ONLY_ACTIONS } from '../../src/aspects/rules/wildcard-only-actions.js';

describe('WILDCARD_ONLY_ACTIONS', () => {
  it('lists only actions that the IAM service reference defines on "*" alone', async () => {
    const restrictable: string[] = [];
    for (const action of WILDCARD_ONLY_ACTIONS) {
      const [service, name] = action.split(':') as [string, string];
      if (!(await isWildcardOnlyAction(service, name))) restrictable.push(action);
    }
    expect(restrictable).toEqual([]);
  });

  it('would catch an action that takes a resource ARN', async () => {
    expect(await isWildcardOnlyAction('ec2', 'CreateNetworkInterface')).toBe(false);
  });
});
