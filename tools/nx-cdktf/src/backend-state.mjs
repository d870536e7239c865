// @ts-check
// A work dir remembers the backend it was initialized with (.terraform/terraform.tfstate). If the
// synth now names another bucket, key or region, `init -reconfigure` would start from an empty
// state there and plan to create everything again. The runner refuses instead, and says how to
// carry the state over.
import { existsSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { UserError } from '@data-platform/workspace';
import { workspaceRoot } from './workspace.mjs';

/**
 * The S3 location a work dir was last initialized against, if any.
 * @param {string} workDir
 * @returns {{ bucket: string, key: string, region: string } | undefined}
 */
export function initializedBackend(workDir) {
  const file = join(workDir, '.terraform', 'terraform.tfstate');
  if (!existsSync(file)) return undefined;
  const backend = /** @type {{ backend?: { type?: string, config?: Record<string, unknown> } }} */ (JSON.parse(readFileSync(file, 'utf8'))).backend;
  if (backend?.type !== 's3' || !backend.config) return undefined;
  const { bucket, key, region } = backend.config;
  return { bucket: String(bucket), key: String(key), region: String(region) };
}

/**
 * What changed between the initialized backend and the synthesized one, in words; undefined when
 * nothing did (or the work dir was never initialized).
 * @param {{ bucket: string, key: string, region: string } | undefined} before
 * @param {{ bucket: string, key: string, region: string }} after
 */
export function backendChange(before, after) {
  if (!before) return undefined;
  const changes = /** @type {const} */ (['bucket', 'key', 'region'])
    .filter((field) => before[field] !== after[field])
    .map((field) => `${field} ${before[field]} -> ${after[field]}`);
  return changes.length ? changes.join(', ') : undefined;
}

/**
 * Throws the one-line refusal when the work dir's backend differs from the synthesized one.
 * @param {string} workDir
 * @param {{ bucket: string, key: string, region: string }} backend as synthesized
 * @param {{ environment: string, binary: string }} context
 */
export function refuseChangedBackend(workDir, backend, { environment, binary }) {
  const change = backendChange(initializedBackend(workDir), backend);
  if (!change) return;
  const dir = relative(workspaceRoot, workDir) || workDir;
  throw new UserError(
    `the state backend of ${environment} changed (${change}): to move the existing state there run '${binary} -chdir=${dir} init -migrate-state'; to start from an empty state on purpose, delete ${dir}/.terraform`,
  );
}
