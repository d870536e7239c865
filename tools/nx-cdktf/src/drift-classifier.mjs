// @ts-check
// Decides "no drift" / "drift" / "error" from the refresh-only plan itself, not from the exit code:
// Terraform exits 2 when only output values would change (hashicorp/terraform#37406) and has been
// reported to exit 2 on empty refresh plans (#36403, #35117), while OpenTofu's refresh-only mode
// exits 0 even with drift (opentofu/opentofu#3107). The JSON plan says what really changed.
import { changeKind } from './plan-summary.mjs';

/**
 * @typedef {{
 *   address: string, type: string, mode?: string,
 *   change: { actions: string[], before?: unknown, after?: unknown },
 * }} JsonResourceChange
 * @typedef {{
 *   errored?: boolean,
 *   resource_drift?: JsonResourceChange[],
 *   resource_changes?: JsonResourceChange[],
 *   output_changes?: Record<string, { actions: string[] }>,
 *   prior_state?: { values?: { root_module?: JsonModule } },
 * }} RefreshPlanJson
 * @typedef {{ resources?: unknown[], child_modules?: JsonModule[] }} JsonModule
 * @typedef {{ address: string, type: string, change: 'update' | 'delete' | 'create' | 'replace', attributes: string[] }} DriftedResource
 * @typedef {'no-drift' | 'drift' | 'error'} DriftStatus
 * @typedef {{
 *   status: DriftStatus, exitCode: 0 | 1 | 2, terraformExitCode: number | null,
 *   drifted: DriftedResource[], outputs: string[], notes: string[], error?: string,
 * }} DriftReport
 */

/** Exit code of the drift target per status: 0 no drift, 2 drift, 1 error. */
export const DRIFT_EXIT_CODES = /** @type {const} */ ({ 'no-drift': 0, drift: 2, error: 1 });

/**
 * Top-level attributes whose values differ: enough to say "memory_size, tags" without printing
 * values that may be sensitive.
 * @param {unknown} before
 * @param {unknown} after
 */
export function changedAttributes(before, after) {
  if (!isObject(before) || !isObject(after)) return [];
  const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
  return [...keys].filter((key) => JSON.stringify(before[key]) !== JSON.stringify(after[key])).sort();
}

/**
 * @param {unknown} value
 * @returns {value is Record<string, unknown>}
 */
function isObject(value) {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** @param {JsonModule | undefined} module @returns {number} */
function countResources(module) {
  if (!module) return 0;
  return (module.resources?.length ?? 0) + (module.child_modules ?? []).reduce((sum, child) => sum + countResources(child), 0);
}

/**
 * An error report (the plan failed or could not be read).
 * @param {string} error one line
 * @param {number | null} terraformExitCode
 * @returns {DriftReport}
 */
export function driftError(error, terraformExitCode) {
  return { status: 'error', exitCode: 1, terraformExitCode, drifted: [], outputs: [], notes: [], error };
}

/**
 * @param {{ exitCode: number | null, plan: RefreshPlanJson | undefined }} run exit code of
 *   `plan -refresh-only -detailed-exitcode` and `show -json` of its plan file
 * @returns {DriftReport}
 */
export function classifyDrift({ exitCode, plan }) {
  if (exitCode !== 0 && exitCode !== 2) return driftError(`terraform plan -refresh-only failed (exit ${exitCode})`, exitCode);
  if (!plan) return driftError('the refresh-only plan could not be read', exitCode);
  if (plan.errored) return driftError('the refresh-only plan is marked errored', exitCode);

  /** @type {Map<string, DriftedResource>} */
  const drifted = new Map();
  // resource_drift is where Terraform records objects changed outside it. A refresh-only plan
  // proposes no config changes, so anything real in resource_changes is drift as well.
  for (const rc of [...(plan.resource_drift ?? []), ...(plan.resource_changes ?? [])]) {
    if (rc.mode === 'data' || drifted.has(rc.address)) continue;
    const kind = changeKind(rc.change.actions);
    if (kind !== 'update' && kind !== 'delete' && kind !== 'create' && kind !== 'replace') continue;
    drifted.set(rc.address, { address: rc.address, type: rc.type, change: kind, attributes: changedAttributes(rc.change.before, rc.change.after) });
  }
  const outputs = Object.entries(plan.output_changes ?? {})
    .filter(([, change]) => !['no-op', 'read'].includes(changeKind(change.actions)))
    .map(([name]) => name);

  const status = drifted.size > 0 ? 'drift' : 'no-drift';
  /** @type {string[]} */
  const notes = [];
  if (exitCode === 2 && status === 'no-drift') {
    notes.push(
      outputs.length > 0
        ? `terraform exited 2 because output values would change (${outputs.join(', ')}); outputs are not infrastructure, so this is not drift`
        : 'terraform exited 2 but the plan records no change at all; not drift',
    );
  }
  if (exitCode === 0 && status === 'drift') notes.push('terraform exited 0 although the plan records drift (OpenTofu refresh-only exit code); classified from the plan');
  if (status === 'no-drift' && countResources(plan.prior_state?.values?.root_module) === 0) {
    notes.push('the state holds no resources: the environment has not been deployed yet');
  }
  return {
    status,
    exitCode: DRIFT_EXIT_CODES[status],
    terraformExitCode: exitCode,
    drifted: [...drifted.values()].sort((a, b) => a.address.localeCompare(b.address)),
    outputs,
    notes,
  };
}
