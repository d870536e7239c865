// @ts-check
// What the two Lambda artifact builds (the handler zips, the layer zip) share around their zips:
// the command line naming their directories, and the manifest.json the stacks read sizes and
// digests from.
import { writeFile } from 'node:fs/promises';
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
