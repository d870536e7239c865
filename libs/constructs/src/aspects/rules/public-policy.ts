import { hasWildcardPrincipal, isAllow, statementsOf } from './policy-statements.js';
import type { SynthesizedResource } from './rule.js';

/**
 * Problems of a resource policy that lets anyone in: an Allow to a wildcard principal. Checkov's
 * CKV_AWS_168/169 flag exactly this, whatever the conditions, so conditions do not excuse it here either.
 */
export function publicAllowProblems(policy: SynthesizedResource): string[] {
  const { statements, problems } = statementsOf(policy);
  return [
    ...problems,
    ...statements
      .filter((s) => isAllow(s) && hasWildcardPrincipal(s))
      .map((s) => `statement ${s.Sid ?? '(no Sid)'} allows a wildcard principal`),
  ];
}
