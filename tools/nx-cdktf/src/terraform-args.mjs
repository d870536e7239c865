// @ts-check
// The exact Terraform command lines of every target, as data: what each mode may and may not do
// is decided here and unit-tested, not scattered through the runners.

/** Waiting for a held lock beats failing a CI run that merely overlaps another. */
const LOCK_TIMEOUT = '-lock-timeout=5m';

/** Saved plan of `plan`, applied by `deploy`. */
export const PLAN_FILE = 'tfplan';
/** Refresh-only plan of `drift`: its own file so a drift check never clobbers a reviewed plan. */
export const DRIFT_PLAN_FILE = 'drift.tfplan';

/**
 * `CI=true` is the only thing that allows `-auto-approve`.
 * @param {NodeJS.ProcessEnv} [env]
 */
export function isCi(env = process.env) {
  return env['CI'] === 'true';
}

/** Terraform variable of the deployment record (the stack's `DEPLOYMENT_RECORD_VARIABLE`). */
export const DEPLOYMENT_RECORD_VARIABLE = 'deployment_record';

/**
 * @param {{ backend: boolean }} options backend=false for validate (no state, no credentials)
 */
export function initArgs({ backend }) {
  // Never -reconfigure: when the backend changed, that would silently start from an empty state.
  // The runner refuses a changed backend first (backend-state.mjs); Terraform refuses it too.
  return backend ? ['init', '-input=false', '-no-color'] : ['init', '-backend=false', '-input=false', '-no-color'];
}

/** @param {string} record JSON of the deployment record this plan (or apply) would write */
function recordVar(record) {
  return `-var=${DEPLOYMENT_RECORD_VARIABLE}=${record}`;
}

/** @param {{ offline: boolean, record: string }} options */
export function planArgs({ offline, record }) {
  // Offline: local empty state, nothing to refresh or lock; the plan is everything to create.
  return offline
    ? ['plan', '-input=false', '-refresh=false', '-lock=false', recordVar(record), `-out=${PLAN_FILE}`]
    : ['plan', '-input=false', LOCK_TIMEOUT, recordVar(record), `-out=${PLAN_FILE}`];
}

/** Refresh-only: compares real objects with state and never proposes config changes. */
export function driftArgs() {
  return ['plan', '-refresh-only', '-detailed-exitcode', '-input=false', LOCK_TIMEOUT, `-out=${DRIFT_PLAN_FILE}`];
}

/** @param {string} planFile */
export function showJsonArgs(planFile) {
  return ['show', '-json', planFile];
}

/**
 * How deploy applies. A saved plan never prompts (it was reviewed when planned) and carries its
 * own variables; without one, CI approves automatically and a person confirms at Terraform's prompt.
 * @param {{ savedPlan: string } | { record: string, ci: boolean }} options
 * @returns {{ args: string[], interactive: boolean }}
 */
export function applyArgs(options) {
  if ('savedPlan' in options) return { args: ['apply', '-input=false', LOCK_TIMEOUT, options.savedPlan], interactive: false };
  if (options.ci) return { args: ['apply', '-input=false', '-auto-approve', LOCK_TIMEOUT, recordVar(options.record)], interactive: false };
  return { args: ['apply', LOCK_TIMEOUT, recordVar(options.record)], interactive: true };
}

/** Reads the stack's outputs from the state (the deployed record among them). */
export function outputJsonArgs() {
  return ['output', '-json'];
}

/** @param {{ ci: boolean }} options */
export function destroyArgs({ ci }) {
  if (ci) return { args: ['destroy', '-input=false', '-auto-approve', LOCK_TIMEOUT], interactive: false };
  return { args: ['destroy', LOCK_TIMEOUT], interactive: true };
}
