import type { TerraformResourceLifecycle } from 'cdktf';

/**
 * What "protected" means for each kind of store (SPEC §2 data protection), written once: the
 * constructs build from it and the `protected-stores` / `destroyable` rules judge by it.
 * `protectedWhen` lists attribute checks that must hold when protection is on; `blocksDestroy`
 * names what stops `terraform destroy` (and so must be absent when protection is off).
 */
export interface StoreProtection {
  readonly protectedWhen: Readonly<Record<string, (value: unknown) => boolean>>;
  readonly description: string;
}

const isTrue = (value: unknown) => value === true || value === 'true';
const notTrue = (value: unknown) => !isTrue(value);

/** KMS keeps a scheduled key 7-30 days; protected keys wait the full 30 so a mistake can be cancelled. */
export const PROTECTED_KEY_DELETION_WINDOW_DAYS = 30;
/** The shortest waiting period, so a destroyable environment tears down cleanly. */
export const DESTROYABLE_KEY_DELETION_WINDOW_DAYS = 7;

/** Store types that hold data, keyed by Terraform resource type. */
export const STORE_PROTECTION: Readonly<Record<string, StoreProtection>> = {
  aws_s3_bucket: { protectedWhen: { force_destroy: notTrue }, description: 'no force_destroy' },
  aws_dynamodb_table: { protectedWhen: { deletion_protection_enabled: isTrue }, description: 'deletion_protection_enabled' },
  aws_kms_key: {
    protectedWhen: { deletion_window_in_days: (v) => Number(v) >= PROTECTED_KEY_DELETION_WINDOW_DAYS },
    description: `deletion_window_in_days >= ${PROTECTED_KEY_DELETION_WINDOW_DAYS}`,
  },
  aws_rds_cluster: {
    protectedWhen: { deletion_protection: isTrue, skip_final_snapshot: notTrue },
    description: 'deletion_protection and a final snapshot',
  },
  aws_db_instance: {
    protectedWhen: { deletion_protection: isTrue, skip_final_snapshot: notTrue },
    description: 'deletion_protection and a final snapshot',
  },
};

/**
 * Lifecycle of a store: `prevent_destroy` when protected, so Terraform refuses a destroy or a
 * replacement at plan time, before any resource is touched.
 */
export function storeLifecycle(protect: boolean): TerraformResourceLifecycle | undefined {
  return protect ? { preventDestroy: true } : undefined;
}
