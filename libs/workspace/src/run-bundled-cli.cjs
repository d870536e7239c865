// @ts-check
// Tool CLIs written in TypeScript run one way: their bin.mjs calls runBundledCli, which bundles
// the entry points with the workspace's node bundle options and imports the result. Bundling
// takes a fraction of a second, so it happens on every run and the bundle is never stale.
const { join } = require('node:path');
const { pathToFileURL } = require('node:url');
const { nodeBundleOptions } = require('./node-bundle.cjs');
const { findWorkspaceRoot } = require('./workspace-root.cjs');

/**
 * Bundles a tool's entry points into dist/tools/<tool>/ and runs its `cli` entry in this process.
 * Extra entries are scripts the CLI starts as child processes, written beside the bundle where the
 * bundled code looks for them (`new URL('./<name>.mjs', import.meta.url)`).
 * @param {string} tool the tool's folder under tools/, which also names its dist folder
 * @param {Record<string, string>} entryPoints bundle name → source path relative to the workspace root (`cli` is run)
 */
async function runBundledCli(tool, entryPoints) {
  const workspaceRoot = findWorkspaceRoot(__dirname);
  const outdir = join(workspaceRoot, 'dist', 'tools', tool);
  // Required here, not at the top: bundles that inline this module never load esbuild.
  const { build } = require('esbuild');
  try {
    await build({
      ...nodeBundleOptions(),
      entryPoints: Object.fromEntries(Object.entries(entryPoints).map(([name, source]) => [name, join(workspaceRoot, source)])),
      outdir,
      outExtension: { '.js': '.mjs' },
      absWorkingDir: workspaceRoot,
    });
  } catch {
    process.stderr.write(`error: bundling ${entryPoints['cli']} failed (see the esbuild errors above)\n`);
    process.exit(1);
  }
  await import(pathToFileURL(join(outdir, 'cli.mjs')).href);
}

module.exports = { runBundledCli };
