/** One resource of a synthesized stack, as Terraform JSON (references appear as `${type.id.attr}`). */
export interface SynthesizedResource {
  readonly type: string;
  readonly id: string;
  readonly config: Readonly<Record<string, unknown>>;
}

/** What rules may look at besides the resource itself. */
export interface RuleContext {
  readonly environmentSuffix: string;
  /** The environment's data protection knob: decides between `destroyable` and `protected-stores`. */
  readonly protection: boolean;
  /** Every resource of the stack, for rules that need a sibling (e.g. a bucket's encryption config). */
  readonly resources: readonly SynthesizedResource[];
}

/** A governance rule: a small pure function, named after its file, tagged with scanner IDs. */
export interface GovernanceRule {
  readonly id: string;
  readonly description: string;
  /**
   * Checkov / trivy checks this rule matches for real (each looked up in the scanner's catalogue).
   * A rule that checks less than a scanner ID demands carries no such ID.
   */
  readonly scannerIds: readonly string[];
  check(resource: SynthesizedResource, context: RuleContext): string[];
}

/** A reference to a resource as it appears in synthesized JSON. */
export function refersTo(value: unknown, resource: SynthesizedResource): boolean {
  return typeof value === 'string' && value.includes(`${resource.type}.${resource.id}.`);
}

/** Terraform JSON booleans may be literal or strings. */
export const isTrue = (value: unknown): boolean => value === true || value === 'true';

/** A nested block as cdktf synthesizes it: an object, or a one-element list. */
export function block(value: unknown): Record<string, unknown> | undefined {
  const first = Array.isArray(value) ? value[0] : value;
  return first && typeof first === 'object' ? (first as Record<string, unknown>) : undefined;
}

/** Resources of `type` whose `attribute` refers to `target` (e.g. the versioning of a bucket). */
export function attachedTo(
  target: SynthesizedResource,
  resources: readonly SynthesizedResource[],
  type: string,
  attribute = 'bucket',
): SynthesizedResource[] {
  return resources.filter((r) => r.type === type && refersTo(r.config[attribute], target));
}

/**
 * Builds a rule that only looks at one resource type. The first line of every rule states what
 * identifies it (resource type, ID = its file name, the scanner checks it matches); the object
 * holds what it says and how it checks.
 */
export function ruleFor(
  type: string,
  id: string,
  scannerIds: readonly string[],
  rule: Pick<GovernanceRule, 'description'> & { check: (resource: SynthesizedResource, context: RuleContext) => string[] },
): GovernanceRule {
  return { id, description: rule.description, scannerIds, check: (resource, context) => (resource.type === type ? rule.check(resource, context) : []) };
}
