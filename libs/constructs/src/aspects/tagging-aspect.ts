import { TerraformResource, type IAspect } from 'cdktf';
import type { IConstruct } from 'constructs';

/** Attributes that carry a physical name, in the order they are tried. */
const NAME_INPUTS = ['nameInput', 'bucketInput', 'functionNameInput', 'layerNameInput', 'clusterIdentifierInput'] as const;

interface Taggable {
  tags?: Record<string, string>;
  readonly tagsInput?: Record<string, string>;
}

function isTaggable(node: TerraformResource): node is TerraformResource & Taggable {
  return 'tagsInput' in node;
}

/**
 * Complements the provider's `default_tags` (which carry Environment, CostCenter, ManagedBy,
 * and Project): gives every taggable resource a `Name` tag, which default tags
 * cannot do because it differs per resource, so consoles and cost reports show physical names.
 */
export class TaggingAspect implements IAspect {
  visit(node: IConstruct): void {
    if (!(node instanceof TerraformResource) || !isTaggable(node)) return;
    const existing = node.tagsInput ?? {};
    if (typeof existing !== 'object' || 'Name' in existing) return;
    const name = NAME_INPUTS.map((input) => (node as unknown as Record<string, unknown>)[input]).find(
      (value): value is string => typeof value === 'string' && !value.includes('${'),
    );
    if (name) node.tags = { ...existing, Name: name };
  }
}
