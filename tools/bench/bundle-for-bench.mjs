// @ts-check
// The benchmarks measure workspace TypeScript as the Lambda bundles run it: each module bundled
// whole (npm packages included, SQL migrations as text) into the benchmark's temporary directory,
// then imported from there.
import { findWorkspaceRoot, nodeBundleOptions } from '@data-platform/workspace';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Bundles workspace modules into `outDir`, one `<name>.mjs` per entry.
 * @template {string} Name
 * @param {string} outDir
 * @param {Record<Name, string>} entryPoints bundle name → source path relative to the workspace root
 * @returns {Promise<Record<Name, string>>} bundle name → absolute path of the bundle
 */
export async function bundleForBench(outDir, entryPoints) {
  const workspaceRoot = findWorkspaceRoot(import.meta.dirname);
  const { build } = await import('esbuild');
  const names = /** @type {Name[]} */ (Object.keys(entryPoints));
  await build({
    entryPoints: Object.fromEntries(names.map((name) => [name, join(workspaceRoot, entryPoints[name])])),
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    outdir: outDir,
    outExtension: { '.js': '.mjs' },
    loader: { '.sql': 'text' },
    logLevel: 'warning',
    // Bundled CommonJS packages (pg) require Node built-ins: the workspace's banner gives them a real `require`.
    banner: nodeBundleOptions().banner,
  });
  return /** @type {Record<Name, string>} */ (Object.fromEntries(names.map((name) => [name, join(outDir, `${name}.mjs`)])));
}

/**
 * Runs `measure` with a fresh temporary directory for its bundles, removed afterwards unless
 * `--keep-bundle` asks to keep it for a look at what was measured.
 * @template T
 * @param {string} bench names the directory (`<bench>-bench-…`)
 * @param {(workDir: string) => Promise<T>} measure
 * @returns {Promise<T>}
 */
export async function inBenchDirectory(bench, measure) {
  const workDir = await mkdtemp(join(tmpdir(), `${bench}-bench-`));
  try {
    return await measure(workDir);
  } finally {
    if (process.argv.includes('--keep-bundle')) process.stderr.write(`bundles kept in ${workDir}\n`);
    else await rm(workDir, { recursive: true, force: true });
  }
}
