import { GOVERNANCE_RULES, type GovernanceRule, type SynthesizedResource } from './rules/index.js';
import { suppressionsOf } from './suppressions.js';

/** A rule broken by one resource. */
export interface GovernanceViolation {
  readonly rule: string;
  readonly resource: string;
  readonly message: string;
}

/** A finding the resource's own suppression accepts, with the reason given. */
export interface SuppressedFinding extends GovernanceViolation {
  readonly reason: string;
}

export interface GovernanceReport {
  /** Findings that fail synthesis (including suppressions that name no rule or suppress nothing). */
  readonly violations: GovernanceViolation[];
  readonly suppressed: SuppressedFinding[];
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

/** Runs the rules over a synthesized stack and applies each resource's suppressions; pure. */
export function governanceReport(
  terraformJson: Parameters<typeof resourcesOf>[0],
  settings: GovernanceSettings,
  rules: readonly GovernanceRule[] = GOVERNANCE_RULES,
): GovernanceReport {
  const resources = resourcesOf(terraformJson);
  const context = { ...settings, resources };
  const violations: GovernanceViolation[] = [];
  const suppressed: SuppressedFinding[] = [];
  for (const resource of resources) {
    const address = `${resource.type}.${resource.id}`;
    const suppressions = suppressionsOf(resource);
    const used = new Set<string>();
    for (const rule of rules) {
      const suppression = suppressions.find((s) => s.rule === rule.id);
      for (const message of rule.check(resource, context)) {
        if (suppression) {
          used.add(rule.id);
          suppressed.push({ rule: rule.id, resource: address, message, reason: suppression.reason });
        } else {
          violations.push({ rule: rule.id, resource: address, message });
        }
      }
    }
    for (const suppression of suppressions.filter((s) => !used.has(s.rule))) {
      const known = rules.some((r) => r.id === suppression.rule);
      violations.push({
        rule: suppression.rule,
        resource: address,
        message: known ? 'suppressed, but the rule finds nothing here: remove the suppression' : 'suppression names no governance rule',
      });
    }
  }
  return { violations, suppressed };
}

/** The unsuppressed findings only (what fails synthesis). */
export function checkGovernance(
  terraformJson: Parameters<typeof resourcesOf>[0],
  settings: GovernanceSettings,
  rules: readonly GovernanceRule[] = GOVERNANCE_RULES,
): GovernanceViolation[] {
  return governanceReport(terraformJson, settings, rules).violations;
}
