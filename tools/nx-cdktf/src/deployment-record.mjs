// @ts-check
// The deployment record (SPEC §4): one SSM parameter per environment holding the git SHA and the
// synth hash of the last successful deploy, and the version of every remote state it read. Plan and apply write it through a Terraform variable;
// deploy reads it back from the state outputs to skip an environment whose synth is deployed.
import { execFileSync } from 'node:child_process';
import { workspaceRoot } from './workspace.mjs';

/** The stack output holding the record (the stack's `DEPLOYMENT_RECORD_OUTPUT`). */
export const DEPLOYMENT_RECORD_OUTPUT = 'deployment-record';

/**
 * @typedef {{ gitSha: string, synthHash: string }} DeploymentRecord
 * @typedef {import('./remote-state-versions.mjs').StateVersion} StateVersion
 */

/**
 * The commit being deployed: GIT_SHA (CI), else the checkout's HEAD, marked `-dirty` when the
 * working tree has changes, so a record never claims a commit that was not what ran.
 * @param {NodeJS.ProcessEnv} [env]
 */
export function currentGitSha(env = process.env) {
  if (env['GIT_SHA']) return env['GIT_SHA'];
  try {
    const git = (/** @type {string[]} */ args) => execFileSync('git', args, { cwd: workspaceRoot, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    const head = git(['rev-parse', 'HEAD']);
    return git(['status', '--porcelain']) ? `${head}-dirty` : head;
  } catch {
    return 'unknown';
  }
}

/**
 * @param {DeploymentRecord & { remoteStates?: StateVersion[] }} record remoteStates: the serial and
 *   lineage of each state the stack read, so an operator can tell which shared (or prod) state a deploy saw
 * @returns {string} the variable's value
 */
export function encodeRecord(record) {
  const remoteStates = record.remoteStates?.length ? { remoteStates: record.remoteStates.map(({ bucket, key, serial, lineage }) => ({ bucket, key, serial, lineage })) } : {};
  return JSON.stringify({ gitSha: record.gitSha, synthHash: record.synthHash, ...remoteStates });
}

/**
 * The record in `terraform output -json`, if the state has one the runner wrote.
 * @param {unknown} outputs parsed `terraform output -json`
 * @returns {DeploymentRecord | undefined}
 */
export function deployedRecord(outputs) {
  const value = /** @type {Record<string, { value?: unknown }> | null} */ (outputs)?.[DEPLOYMENT_RECORD_OUTPUT]?.value;
  if (typeof value !== 'string') return undefined;
  try {
    const record = JSON.parse(value);
    return typeof record?.synthHash === 'string' && record.synthHash.startsWith('sha256:') ? { gitSha: String(record.gitSha), synthHash: record.synthHash } : undefined;
  } catch {
    return undefined;
  }
}
