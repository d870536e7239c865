import { GOVERNANCE_RULES, type GovernanceRule, type SynthesizedResource } from './rules/index.js';

/** A rule broken by one resource. */
export interface GovernanceViolation {
  readonly rule: string;
  readonly resource: string;
  readonly message: string;
}

/** Flattens Terraform JSON's `resource.{type}.{id}` into a list. */
export function resourcesOf(terraformJson: { resource?: Record<string, Record<string, Record<string, unknown>>> }): SynthesizedResource[] {
  return Object.entries(terraformJson.resource ?? {}).flatMap(([type, byId]) =>
    Object.entries(byId).map(([id, config]) => ({ type, id, config })),
  );
}

/** What the rules need to know about the environment besides its resources. */
export interface GovernanceSettings {
  readonly environmentSuffix: string;
  readonly protection: boolean;
}

/** Runs the rules over a synthesized stack; pure, so it is usable from tests and tools as well. */
export function checkGovernance(
  terraformJson: Parameters<typeof resourcesOf>[0],
  settings: GovernanceSettings,
  rules: readonly GovernanceRule[] = GOVERNANCE_RULES,
): GovernanceViolation[] {
  const resources = resourcesOf(terraformJson);
  const context = { ...settings, resources };
  return resources.flatMap((resource) =>
    rules.flatMap((rule) =>
      rule.check(resource, context).map((message) => ({ rule: rule.id, resource: `${resource.type}.${resource.id}`, message })),
    ),
  );
}
