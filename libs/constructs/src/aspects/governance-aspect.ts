import { TerraformStack, type IAspect } from 'cdktf';
import type { IConstruct } from 'constructs';
import { checkGovernance, type GovernanceSettings } from './check-governance.js';

/**
 * Fails synthesis when the stack breaks a governance rule. The rules run over the resolved
 * Terraform JSON (after every other aspect), so they judge exactly what Terraform will receive.
 */
export class GovernanceAspect implements IAspect {
  private readonly validated = new WeakSet<TerraformStack>();

  constructor(private readonly settings: GovernanceSettings) {}

  visit(node: IConstruct): void {
    if (!(node instanceof TerraformStack) || this.validated.has(node)) return;
    this.validated.add(node);
    node.node.addValidation({
      validate: () =>
        checkGovernance(node.toTerraform(), this.settings).map(
          (v) => `governance rule ${v.rule}: ${v.resource}: ${v.message}`,
        ),
    });
  }
}
