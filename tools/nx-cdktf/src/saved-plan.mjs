// @ts-check
// The record kept next to a saved plan (`tfplan.meta.json`): what it was planned from, so deploy
// applies it only while it still describes the current synth.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PLAN_FILE } from './terraform-args.mjs';

export const PLAN_RECORD_FILE = `${PLAN_FILE}.meta.json`;
/** `show -json` of the saved plan, kept for policy and cost tools (and the tests). */
export const PLAN_JSON_FILE = `${PLAN_FILE}.json`;
/** `show -no-color` of the saved plan: what a reviewer reads, folded into the PR comment. */
export const PLAN_TEXT_FILE = 'plan.txt';

/**
 * @typedef {{
 *   project: string,
 *   environment: string,
 *   stack: string,
 *   mode: 'remote' | 'offline',
 *   synthHash: string,
 *   binary: string,
 *   terraformVersion: string,
 *   stateKey: string | null,
 *   accountId: string | null,
 *   gitSha: string,
 *   planSha256: string,
 *   createdAt: string,
 * }} PlanRecord
 * @typedef {{ synthHash: string, binary: string, terraformVersion: string, stateKey: string | null, planFileExists: boolean }} CurrentRun
 * @typedef {{ matches: boolean, reason: string }} PlanMatch
 */

/**
 * Whether a saved plan may be applied now, and why (or why not) in words for the log.
 * @param {PlanRecord | undefined} record
 * @param {CurrentRun} current
 * @returns {PlanMatch}
 */
export function matchSavedPlan(record, current) {
  if (!record) return { matches: false, reason: 'no saved plan' };
  if (!current.planFileExists) return { matches: false, reason: `${PLAN_FILE} is missing next to its record` };
  if (record.mode !== 'remote') return { matches: false, reason: 'the saved plan is an offline plan (local empty state)' };
  if (record.synthHash !== current.synthHash) {
    return { matches: false, reason: `the synth changed since the plan was made (${short(record.synthHash)} -> ${short(current.synthHash)})` };
  }
  if (record.binary !== current.binary || record.terraformVersion !== current.terraformVersion) {
    return {
      matches: false,
      reason: `the plan was made by ${record.binary} ${record.terraformVersion}, this run uses ${current.binary} ${current.terraformVersion}`,
    };
  }
  if (record.stateKey !== current.stateKey) return { matches: false, reason: `the state key changed (${record.stateKey} -> ${current.stateKey})` };
  return { matches: true, reason: `saved plan from ${record.createdAt} matches the current synth (${short(current.synthHash)})` };
}

/** @param {string} hash */
function short(hash) {
  return hash.replace(/^sha256:/, '').slice(0, 12);
}

/**
 * @param {string} workDir
 * @returns {PlanRecord | undefined} undefined when absent or unreadable (treated as no plan)
 */
export function readPlanRecord(workDir) {
  const file = join(workDir, PLAN_RECORD_FILE);
  if (!existsSync(file)) return undefined;
  try {
    return /** @type {PlanRecord} */ (JSON.parse(readFileSync(file, 'utf8')));
  } catch {
    return undefined;
  }
}

/**
 * @param {string} workDir
 * @param {PlanRecord} record
 */
export function writePlanRecord(workDir, record) {
  writeFileSync(join(workDir, PLAN_RECORD_FILE), `${JSON.stringify(record, null, 2)}\n`);
}

/**
 * Removes the plan, its record and its JSON: before planning (a failed plan must not leave an old one that
 * still matches) and after apply or destroy (a plan is applied at most once).
 * @param {string} workDir
 */
export function discardSavedPlan(workDir) {
  for (const file of [PLAN_FILE, PLAN_RECORD_FILE, PLAN_JSON_FILE, PLAN_TEXT_FILE]) rmSync(join(workDir, file), { force: true });
}

/** @param {string} workDir */
export function planFileExists(workDir) {
  return existsSync(join(workDir, PLAN_FILE));
}

/**
 * sha256 (hex) of the saved plan file: what the reviewer approves and what deploy checks.
 * @param {string} workDir
 */
export function planSha256(workDir) {
  return createHash('sha256').update(readFileSync(join(workDir, PLAN_FILE))).digest('hex');
}
