// @ts-check
// The files a runner executes, so a target's inputs are derived from what it runs instead of a
// hand-kept list: the entry and every workspace module it reaches through a relative import.
// CommonJS: the plugin (loaded by Nx without a transpiler) requires it.
const { existsSync, readFileSync } = require('node:fs');
const { dirname, join, relative, resolve } = require('node:path');

/** Static `import … from '…'`, `export … from '…'`, bare `import '…'`, `import('…')` and `require('…')` with a literal. */
const SPECIFIER = /(?:\bfrom\s*|\bimport\s*\(?\s*|\brequire\s*\(\s*)(['"])([^'"\n]+)\1/g;

/**
 * Relative specifiers in a module's text (package imports are hashed through the lock file and
 * `externalDependencies`, not as files).
 * @param {string} text
 * @returns {string[]}
 */
function relativeSpecifiers(text) {
  return [...text.matchAll(SPECIFIER)].map((match) => /** @type {string} */ (match[2])).filter((specifier) => specifier.startsWith('.'));
}

/**
 * @param {string} workspaceRoot absolute
 * @param {readonly string[]} entries workspace-relative paths of the modules a target runs
 * @returns {string[]} workspace-relative paths of every module they execute, sorted
 */
function moduleClosure(workspaceRoot, entries) {
  const seen = new Set();
  const pending = entries.map((entry) => resolve(workspaceRoot, entry));
  while (pending.length > 0) {
    const file = /** @type {string} */ (pending.pop());
    if (seen.has(file)) continue;
    if (!existsSync(file)) throw new Error(`module-closure: ${relative(workspaceRoot, file)} does not exist`);
    seen.add(file);
    for (const specifier of relativeSpecifiers(readFileSync(file, 'utf8'))) pending.push(join(dirname(file), specifier));
  }
  return [...seen].map((file) => relative(workspaceRoot, file).split('\\').join('/')).sort();
}

module.exports = { moduleClosure, relativeSpecifiers };
