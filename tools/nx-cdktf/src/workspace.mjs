// @ts-check
// Where an environment app's files live: its source, its bundle, its synth output, its Terraform work dirs.
import { existsSync, readFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Workspace root, from this file's location (tools/nx-cdktf/src). */
export const workspaceRoot = resolve(fileURLToPath(new URL('../../..', import.meta.url)));

/**
 * Where Terraform work dirs go: dist/terraform unless NX_CDKTF_WORK_ROOT moves them (tests use
 * their own so they never race a developer's plan in the same directory).
 */
export const WORK_ROOT_VARIABLE = 'NX_CDKTF_WORK_ROOT';

/**
 * Paths of one environment app: its source dir, its bundled entry point, its synth output and
 * the root of its Terraform work dirs.
 * @param {string} projectRoot e.g. apps/infra-dev
 */
export function appPaths(projectRoot) {
  const name = basename(projectRoot);
  const workRoot = process.env[WORK_ROOT_VARIABLE] ? resolve(String(process.env[WORK_ROOT_VARIABLE])) : join(workspaceRoot, 'dist', 'terraform');
  return {
    /** Nx project name (the plugin names each app after its directory). */
    name,
    appDir: resolve(workspaceRoot, projectRoot),
    bundle: join(workspaceRoot, 'dist', 'apps', name, 'main.mjs'),
    synthDir: join(workspaceRoot, 'dist', 'cdktf', name),
    workDir: join(workRoot, name),
  };
}

/**
 * The environment name an app deploys (`context.environment` of its cdktf.json), used in
 * messages and for promotion order; the project name when the app does not say.
 * @param {string} projectRoot
 */
export function environmentOf(projectRoot) {
  const file = join(resolve(workspaceRoot, projectRoot), 'cdktf.json');
  if (!existsSync(file)) return basename(projectRoot);
  const context = /** @type {{ context?: { environment?: unknown } }} */ (JSON.parse(readFileSync(file, 'utf8'))).context;
  return typeof context?.environment === 'string' ? context.environment : basename(projectRoot);
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
