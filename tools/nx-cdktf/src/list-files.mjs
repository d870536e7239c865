// @ts-check
// The one directory walk of the runners: the synth hash fingerprints what it lists, the plan
// comment finds the plan summaries in it.
import { readdirSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

/**
 * Every regular file under `dir`, as sorted forward-slash paths relative to it.
 * @param {string} dir
 * @returns {string[]}
 */
export function listFiles(dir) {
  /** @type {string[]} */
  const files = [];
  const walk = (/** @type {string} */ current) => {
    for (const entry of readdirSync(current, { withFileTypes: true })) {
      const path = join(current, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.isFile()) files.push(relative(dir, path).split(sep).join('/'));
    }
  };
  walk(dir);
  return files.sort();
}
