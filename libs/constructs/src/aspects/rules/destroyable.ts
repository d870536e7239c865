import type { GovernanceRule } from './rule.js';

const isTrue = (value: unknown) => value === true || value === 'true';

/**
 * Where protection is off (dev, staging, every preview environment), `terraform destroy` must
 * succeed (seeds 000, 001, 004). Protected environments follow `protected-stores` instead.
 */
export const destroyable: GovernanceRule = {
  id: 'destroyable',
  description: 'Where protection is off, nothing blocks terraform destroy',
  scannerIds: [],
  check(resource, { protection }) {
    if (protection) return [];
    const { config } = resource;
    const problems: string[] = [];
    const lifecycle = config['lifecycle'] as { prevent_destroy?: unknown } | undefined;
    if (isTrue(lifecycle?.prevent_destroy)) problems.push('lifecycle.prevent_destroy is set');
    for (const flag of ['deletion_protection', 'deletion_protection_enabled', 'enable_deletion_protection']) {
      if (isTrue(config[flag])) problems.push(`${flag} is on`);
    }
    if (config['skip_final_snapshot'] !== undefined && !isTrue(config['skip_final_snapshot'])) {
      problems.push('skip_final_snapshot is off, so destroy leaves (or waits on) a final snapshot');
    }
    if (resource.type === 'aws_s3_bucket' && !isTrue(config['force_destroy'])) problems.push('force_destroy is off, so a non-empty bucket blocks destroy');
    return problems;
  },
};
