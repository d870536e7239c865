import type { TerraformResource } from 'cdktf';
import type { SynthesizedResource } from './rules/rule.js';

/** A governance rule deliberately not applied to one resource, and why. */
export interface Suppression {
  readonly rule: string;
  readonly reason: string;
}

/**
 * Suppressions travel inside the synthesized JSON, under the resource's `//` comment key (which
 * Terraform ignores), so the checks stay pure functions of the JSON and the manifest can list them.
 */
const COMMENT_KEY = '//';
const SUPPRESSIONS_KEY = 'governance_suppressions';

const recorded = new WeakMap<TerraformResource, Suppression[]>();

/** Exempts one resource from one rule; the reason is mandatory and ends up in the manifest. */
export function suppressRule(resource: TerraformResource, rule: string, reason: string): void {
  if (reason.trim().length < 10) {
    throw new Error(`suppressing ${rule} on ${resource.node.path} needs a reason (at least a short sentence)`);
  }
  const suppressions = [...(recorded.get(resource) ?? []).filter((s) => s.rule !== rule), { rule, reason }];
  recorded.set(resource, suppressions);
  resource.addOverride(`${COMMENT_KEY}.${SUPPRESSIONS_KEY}`, suppressions);
}

/** The suppressions a synthesized resource carries. */
export function suppressionsOf(resource: SynthesizedResource): Suppression[] {
  const comment = resource.config[COMMENT_KEY] as Record<string, unknown> | undefined;
  const list = comment?.[SUPPRESSIONS_KEY];
  return Array.isArray(list) ? (list as Suppression[]) : [];
}
