// @ts-check
import { fileURLToPath } from 'node:url';
import { basename, join, resolve } from 'node:path';

/** Workspace root, from this file's location (tools/nx-cdktf/src). */
export const workspaceRoot = resolve(fileURLToPath(new URL('../../..', import.meta.url)));

/**
 * Paths of one environment app: its source dir, its bundled entry point and its synth output.
 * @param {string} projectRoot e.g. apps/infra-dev
 */
export function appPaths(projectRoot) {
  const name = basename(projectRoot);
  return {
    name,
    appDir: resolve(workspaceRoot, projectRoot),
    bundle: join(workspaceRoot, 'dist', 'apps', name, 'main.mjs'),
    synthDir: join(workspaceRoot, 'dist', 'cdktf', name),
    workDir: join(workspaceRoot, 'dist', 'terraform', name),
  };
}

/**
 * Prints one line and exits: how every runner reports a problem the user can fix.
 * @param {string} message
 * @returns {never}
 */
export function fail(message) {
  process.stderr.write(`error: ${message}\n`);
  process.exit(1);
}
