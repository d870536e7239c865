// @ts-check
// What the two Lambda artifact builds (the handler zips, the layer zip) share around their zips:
// the command line naming their directories, the guarded clearing of the output directory, and
// the manifest.json the stacks read sizes and digests from.
import { findWorkspaceRoot, UserError } from '@data-platform/workspace';
import { mkdir, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';

/**
 * The directories a build takes as options (`--out-dir` and the like), resolved against the cwd.
 * @template {string} Name
 * @param {Record<Name, string>} defaults each option's directory when it is not given
 * @param {string[]} [args] command-line arguments (default: this process's)
 * @returns {Record<Name, string>}
 */
export function directoryOptions(defaults, args = process.argv.slice(2)) {
  const names = /** @type {Name[]} */ (Object.keys(defaults));
  const options = Object.fromEntries(names.map((name) => [name, { type: /** @type {const} */ ('string') }]));
  const { values } = parseArgs({ args, options, strict: true });
  const resolved = names.map((name) => [name, path.resolve(/** @type {string | undefined} */ (values[name]) ?? defaults[name])]);
  return /** @type {Record<Name, string>} */ (Object.fromEntries(resolved));
}

/**
 * Writes `manifest.json` beside a build's zips, pretty-printed and newline-terminated so it diffs well.
 * @param {string} outDir
 * @param {unknown} manifest
 */
export async function writeManifest(outDir, manifest) {
  await writeFile(path.join(outDir, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
}

/**
 * Empties a build's output directory. Clearing avoids shipping stale files (zips of deleted
 * handlers); the guard keeps a mistyped --out-dir from wiping sources: inside the workspace only
 * dist/ may be cleared, outside it no package root.
 * @param {string} outDir
 * @param {string} build names the build in the error (`lambda-layer`, `lambda-handlers`)
 */
export async function clearOutDir(outDir, build) {
  const workspaceRoot = findWorkspaceRoot(import.meta.dirname);
  const inside = (/** @type {string} */ parent, /** @type {string} */ child) => !path.relative(parent, child).startsWith('..');
  const isPackageRoot = await stat(path.join(outDir, 'package.json')).then(() => true, () => false);
  const unsafe = inside(workspaceRoot, outDir)
    ? !inside(path.join(workspaceRoot, 'dist'), outDir) || outDir === path.join(workspaceRoot, 'dist')
    : isPackageRoot;
  if (unsafe) throw new UserError(`${build}: refusing to clear --out-dir ${outDir}: only build output directories can be cleared`);
  await rm(outDir, { recursive: true, force: true });
  await mkdir(outDir, { recursive: true });
}
