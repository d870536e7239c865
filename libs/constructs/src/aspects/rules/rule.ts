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
  /** Equivalent checkov / trivy checks, so findings map onto scanner reports. */
  readonly scannerIds: readonly string[];
  check(resource: SynthesizedResource, context: RuleContext): string[];
}

/** A reference to a resource as it appears in synthesized JSON. */
export function refersTo(value: unknown, resource: SynthesizedResource): boolean {
  return typeof value === 'string' && value.includes(`${resource.type}.${resource.id}.`);
}
