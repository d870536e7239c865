import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { resourcesOf } from '../aspects/check-governance.js';
import type { SynthesizedResource } from '../aspects/rules/rule.js';

/** Terraform JSON as cdktf writes it to `cdk.tf.json`. */
export interface TerraformJson {
  readonly terraform?: Record<string, unknown>;
  readonly provider?: Record<string, Array<Record<string, unknown>>>;
  readonly resource?: Record<string, Record<string, Record<string, unknown>>>;
  readonly output?: Record<string, { value: unknown }>;
}

/**
 * Read-only queries over one synthesized stack: what the manifest, the parity check, the local
 * run and the tests need to know about what Terraform will receive.
 */
export class SynthesizedStack {
  readonly resources: readonly SynthesizedResource[];

  constructor(
    readonly json: TerraformJson,
    /** Directory of `cdk.tf.json` (asset paths are relative to it), when read from disk. */
    readonly directory?: string,
  ) {
    this.resources = resourcesOf(json as Parameters<typeof resourcesOf>[0]);
  }

  /** Reads the single stack under a synth output dir (`dist/cdktf/<app>`). */
  static fromSynthDir(synthDir: string): SynthesizedStack {
    const stacksDir = join(synthDir, 'stacks');
    if (!existsSync(stacksDir)) throw new Error(`No synthesized stack under ${synthDir}: run the app's synth target first`);
    const stacks = readdirSync(stacksDir);
    if (stacks.length !== 1) throw new Error(`Expected one stack in ${stacksDir}, found: ${stacks.join(', ') || 'none'}`);
    const directory = join(stacksDir, stacks[0]!);
    return new SynthesizedStack(JSON.parse(readFileSync(join(directory, 'cdk.tf.json'), 'utf8')) as TerraformJson, directory);
  }

  ofType(type: string): SynthesizedResource[] {
    return this.resources.filter((r) => r.type === type);
  }

  /** The one resource of a type whose logical id contains `idPart`; throws when none or several match. */
  one(type: string, idPart = ''): SynthesizedResource {
    const matches = this.ofType(type).filter((r) => r.id.includes(idPart));
    if (matches.length !== 1) {
      throw new Error(`Expected one ${type} matching '${idPart}', found ${matches.length}: ${this.ofType(type).map((r) => r.id).join(', ')}`);
    }
    return matches[0]!;
  }

  /** Resolves `${type.id.attr}` to the referenced resource's literal attribute, when it has one. */
  attributeOf(reference: string): unknown {
    const match = /^\$\{([\w-]+)\.([\w-]+)\.([\w-]+)\}$/.exec(reference);
    if (!match) return reference;
    const [, type, id, attribute] = match;
    return this.resources.find((r) => r.type === type && r.id === id)?.config[attribute!];
  }

  /** Count of resources per type, sorted by type. */
  countsByType(): Record<string, number> {
    const counts: Record<string, number> = {};
    for (const { type } of this.resources) counts[type] = (counts[type] ?? 0) + 1;
    return Object.fromEntries(Object.entries(counts).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  }

  get providerConfig(): Record<string, unknown> {
    return this.json.provider?.['aws']?.[0] ?? {};
  }

  get outputs(): Record<string, unknown> {
    return Object.fromEntries(Object.entries(this.json.output ?? {}).map(([name, o]) => [name, o.value]));
  }
}
