// @ts-check
// The workspace projects an app runs at synth time: the closure of its package.json
// `dependencies` (not `devDependencies`: a test helper like @data-platform/testing never reaches
// the synthesized stack, so a change to it must neither re-synthesize nor deploy anything).
const { existsSync, readdirSync, readFileSync } = require('node:fs');
const { basename, join } = require('node:path');

/** @typedef {{ name?: string, dependencies?: Record<string, string>, workspaces?: string[], nx?: { name?: string } }} PackageJson */

/** @param {string} file @returns {PackageJson} */
const readPackage = (file) => JSON.parse(readFileSync(file, 'utf8'));

/**
 * Every workspace package (root package.json `workspaces`, `<dir>/*` patterns), by package name.
 * @param {string} workspaceRoot
 * @returns {Map<string, { project: string, dir: string, manifest: PackageJson }>}
 */
function workspacePackages(workspaceRoot) {
  const patterns = readPackage(join(workspaceRoot, 'package.json')).workspaces ?? [];
  const packages = new Map();
  for (const pattern of patterns) {
    const parent = join(workspaceRoot, pattern.replace(/\/\*$/, ''));
    if (!existsSync(parent)) continue;
    for (const entry of readdirSync(parent, { withFileTypes: true })) {
      const file = join(parent, entry.name, 'package.json');
      if (!entry.isDirectory() || !existsSync(file)) continue;
      const manifest = readPackage(file);
      if (manifest.name) packages.set(manifest.name, { project: manifest.nx?.name ?? basename(join(parent, entry.name)), dir: join(parent, entry.name), manifest });
    }
  }
  return packages;
}

/**
 * @param {string} workspaceRoot
 * @param {string} projectRoot workspace-relative, e.g. apps/infra-dev
 * @returns {string[]} Nx project names, sorted
 */
function runtimeProjects(workspaceRoot, projectRoot) {
  const own = join(workspaceRoot, projectRoot, 'package.json');
  if (!existsSync(own)) return [];
  const packages = workspacePackages(workspaceRoot);
  const found = new Set();
  const pending = Object.keys(readPackage(own).dependencies ?? {});
  while (pending.length > 0) {
    const workspacePackage = packages.get(/** @type {string} */ (pending.pop()));
    if (!workspacePackage || found.has(workspacePackage.project)) continue;
    found.add(workspacePackage.project);
    pending.push(...Object.keys(workspacePackage.manifest.dependencies ?? {}));
  }
  return [...found].sort();
}

module.exports = { runtimeProjects, workspacePackages };
