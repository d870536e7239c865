// @ts-check
// Where an environment app's files live: its source, its bundle, its synth output, its Terraform
// work dirs. The workspace facts themselves (root, work root, environments) come from
// @data-platform/workspace.
import { environmentOf as environmentIn, findWorkspaceRoot, workRoot } from '@data-platform/workspace';
import { basename, join, resolve } from 'node:path';

/** Workspace root: the nearest nx.json above this file. */
export const workspaceRoot = findWorkspaceRoot(import.meta.dirname);

/**
 * Paths of one environment app: its source dir, its bundled entry point, its synth output and
 * the root of its Terraform work dirs.
 * @param {string} projectRoot e.g. apps/infra-dev
 */
export function appPaths(projectRoot) {
  const name = basename(projectRoot);
  return {
    /** Nx project name (the plugin names each app after its directory). */
    name,
    appDir: resolve(workspaceRoot, projectRoot),
    bundle: join(workspaceRoot, 'dist', 'apps', name, 'main.mjs'),
    synthDir: join(workspaceRoot, 'dist', 'cdktf', name),
    workDir: join(workRoot(workspaceRoot), name),
  };
}

/**
 * The environment name an app deploys, used in messages and for promotion order.
 * @param {string} projectRoot
 */
export function environmentOf(projectRoot) {
  return environmentIn(workspaceRoot, projectRoot);
}

/**
 * Prints one line and exits: how the synth script reports a problem the user can fix.
 * @param {string} message
 * @returns {never}
 */
export function fail(message) {
  process.stderr.write(`error: ${message}\n`);
  process.exit(1);
}
