// @ts-check
// The files a runner executes, so a target's inputs are derived from what it runs instead of a
// hand-kept list: the entry and every workspace module it reaches, through a relative import or
// a workspace package (@data-platform/*). npm packages are hashed through the lock file instead.
// CommonJS: the plugin (loaded by Nx without a transpiler) requires it.
const { existsSync, readFileSync } = require('node:fs');
const { dirname, join, relative, resolve } = require('node:path');

/** Static `import … from '…'`, `export … from '…'`, bare `import '…'`, `import('…')` and `require('…')` with a literal. */
const SPECIFIER = /(?:\bfrom\s*|\bimport\s*\(?\s*|\brequire\s*\(\s*)(['"])([^'"\n]+)\1/g;

/** Packages of this workspace: their files are executed from source, so they count as inputs. */
const WORKSPACE_SCOPE = '@data-platform/';

/**
 * Relative and workspace-package specifiers in a module's text.
 * @param {string} text
 * @returns {string[]}
 */
function workspaceSpecifiers(text) {
  return [...text.matchAll(SPECIFIER)].map((match) => /** @type {string} */ (match[2])).filter((specifier) => specifier.startsWith('.') || specifier.startsWith(WORKSPACE_SCOPE));
}

/**
 * The file a specifier names: a workspace package through its `exports`; a relative one as
 * written, or its TypeScript source when it names the compiled `.js` (`./x.js` for `./x.ts`).
 * @param {string} specifier
 * @param {string} importer absolute path of the importing module
 */
function resolveSpecifier(specifier, importer) {
  if (specifier.startsWith(WORKSPACE_SCOPE)) return require.resolve(specifier, { paths: [dirname(importer)] });
  const file = join(dirname(importer), specifier);
  if (!existsSync(file) && file.endsWith('.js') && existsSync(file.replace(/\.js$/, '.ts'))) return file.replace(/\.js$/, '.ts');
  return file;
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
    for (const specifier of workspaceSpecifiers(readFileSync(file, 'utf8'))) pending.push(resolveSpecifier(specifier, file));
  }
  return [...seen].map((file) => relative(workspaceRoot, file).split('\\').join('/')).sort();
}

module.exports = { moduleClosure, workspaceSpecifiers };
