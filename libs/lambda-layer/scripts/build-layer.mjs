#!/usr/bin/env node
// @ts-check
/**
 * Builds the shared Lambda layer: middy + Powertools and their production dependencies, copied
 * from the workspace node_modules into a reproducible zip.
 *   dist/libs/lambda-layer/layer.zip       nodejs/node_modules/<pkg>/... (Lambda's layer layout)
 *   dist/libs/lambda-layer/manifest.json   packages, versions, what the runtime must provide
 *
 * Usage: node libs/lambda-layer/scripts/build-layer.mjs [--out-dir DIR] [--modules-root DIR]
 * --modules-root is the directory whose node_modules is read (default: the workspace root).
 * Default paths come from this file's location, so the working directory does not matter.
 */
import { readFile, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { listFilesRecursive, writeDeterministicZip } from '@data-platform/deterministic-zip';
import { clearOutDir, directoryOptions, writeManifest } from '@data-platform/deterministic-zip/artifact-build';
import { UserError, runMain } from '@data-platform/workspace';

const scriptDir = path.dirname(fileURLToPath(import.meta.url));
const workspaceRoot = path.resolve(scriptDir, '../../..');
const DEFAULT_OUT_DIR = path.join(workspaceRoot, 'dist/libs/lambda-layer');

/** Keep in step with LAYER_PACKAGES in ../src/index.ts (a test compares them). */
const LAYER_ROOTS = [
  '@middy/core',
  '@aws-lambda-powertools/logger',
  '@aws-lambda-powertools/tracer',
  '@aws-lambda-powertools/metrics',
  'pg',
];

/** The nodejs22.x runtime ships the AWS SDK v3 (and its Smithy core): shipping it again only costs size. */
const RUNTIME_PROVIDED = /^@(aws-sdk|smithy)\//;
/** Type declarations only: nothing to load at run time (their .d.ts files would be dropped anyway). */
const TYPES_ONLY = /^@types\//;

/** Lambda's hard limit is 250 MB unzipped; 5 MB zipped keeps cold starts and uploads small. */
const ZIP_BUDGET_BYTES = 5 * 1024 * 1024;

const KEEP = /(^|\/)(licen[cs]e|notice|copying)(\.[^/]*)?$/i;
const DROP = [
  /(^|\/)node_modules\//, // nested packages are added on their own, and only when in the closure
  /(^|\/)(test|tests|__tests__|__mocks__|\.github)\//,
  /(^|\/)\.[^/]*$/, // .npmignore, .travis.yml, .eslintrc, ...
  /\.(md|markdown|map|d\.ts|d\.cts|d\.mts|tsbuildinfo)$/i,
  /(^|\/)(readme|changelog|changes|history)(\.[^/]*)?$/i,
  /(^|\/)(yarn\.lock|package-lock\.json|pnpm-lock\.yaml)$/,
  /\.(test|spec)\.[cm]?js$/,
];
const NATIVE = /(^|\/)binding\.gyp$|\.node$/;

/**
 * @typedef {object} LayerPackage
 * @property {string} name
 * @property {string} version
 * @property {string} dir absolute directory on disk
 * @property {string} zipDir posix directory inside the zip
 */

/**
 * @param {string} dir
 * @returns {Promise<Record<string, any>>}
 */
async function readPackageJson(dir) {
  return JSON.parse(await readFile(path.join(dir, 'package.json'), 'utf8'));
}

/**
 * Node's own lookup: `<dir>/node_modules/<name>`, then each parent directory, up to `modulesRoot`.
 * @param {string} fromDir
 * @param {string} name
 * @param {string} modulesRoot
 * @returns {Promise<string | undefined>}
 */
async function resolvePackageDir(fromDir, name, modulesRoot) {
  for (let dir = fromDir; ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'node_modules', name);
    if (await stat(path.join(candidate, 'package.json')).then(() => true, () => false)) return candidate;
    if (dir === modulesRoot || path.dirname(dir) === dir) return undefined;
  }
}

/**
 * Walks `dependencies`, `optionalDependencies` and non-optional `peerDependencies` from the roots.
 * @param {string} modulesRoot
 * @returns {Promise<{ packages: LayerPackage[]; providedByRuntime: { name: string; requiredBy: string[] }[] }>}
 */
async function resolveClosure(modulesRoot) {
  /** @type {Map<string, LayerPackage>} */
  const byDir = new Map();
  /** @type {Map<string, Set<string>>} */
  const providedByRuntime = new Map();

  /**
   * @param {string} name
   * @param {string} fromDir
   * @param {string} requiredBy
   * @param {'required' | 'optional'} need
   * @returns {Promise<void>}
   */
  async function visit(name, fromDir, requiredBy, need) {
    if (TYPES_ONLY.test(name)) return;
    if (RUNTIME_PROVIDED.test(name)) {
      providedByRuntime.set(name, (providedByRuntime.get(name) ?? new Set()).add(requiredBy));
      return;
    }
    const dir = await resolvePackageDir(fromDir, name, modulesRoot);
    if (!dir) {
      if (need === 'optional') return;
      throw new UserError(`lambda-layer: ${name} (needed by ${requiredBy}) is not installed under ${modulesRoot}: run npm ci`);
    }
    if (byDir.has(dir)) return;
    const pkg = await readPackageJson(dir);
    const zipDir = `nodejs/${path.relative(modulesRoot, dir).split(path.sep).join('/')}`;
    byDir.set(dir, { name, version: String(pkg.version), dir, zipDir });
    const id = `${name}@${pkg.version}`;
    for (const dep of Object.keys(pkg.dependencies ?? {})) await visit(dep, dir, id, 'required');
    for (const dep of Object.keys(pkg.optionalDependencies ?? {})) await visit(dep, dir, id, 'optional');
    for (const dep of Object.keys(pkg.peerDependencies ?? {})) {
      // Only peers that are both required and installed: optional peers (middy for Powertools) are the app's choice.
      if (pkg.peerDependenciesMeta?.[dep]?.optional !== true) await visit(dep, dir, id, 'optional');
    }
  }

  for (const root of LAYER_ROOTS) await visit(root, modulesRoot, 'layer', 'required');
  const packages = [...byDir.values()].sort((a, b) => (a.zipDir < b.zipDir ? -1 : a.zipDir > b.zipDir ? 1 : 0));
  return {
    packages,
    providedByRuntime: [...providedByRuntime]
      .map(([name, requiredBy]) => ({ name, requiredBy: [...requiredBy].sort() }))
      .sort((a, b) => (a.name < b.name ? -1 : 1)),
  };
}

/**
 * @param {LayerPackage} pkg
 * @returns {Promise<{ path: string; source: string }[]>}
 */
async function packageEntries(pkg) {
  const files = await listFilesRecursive(pkg.dir);
  const own = files.filter((file) => !/(^|\/)node_modules\//.test(file));
  const manifest = await readPackageJson(pkg.dir);
  const native = own.find((file) => NATIVE.test(file)) ?? (manifest.gypfile === true ? 'package.json "gypfile": true' : undefined);
  if (native) {
    throw new UserError(
      `lambda-layer: ${pkg.name}@${pkg.version} contains native code (${native}); the layer targets arm64 and ` +
        `is built on ${process.arch}, so its binary would not load. Keep it out of the layer or use a pure-JS alternative.`,
    );
  }
  return own
    .filter((file) => KEEP.test(file) || !DROP.some((pattern) => pattern.test(file)))
    .map((file) => ({ path: `${pkg.zipDir}/${file}`, source: path.join(pkg.dir, file) }));
}

/**
 * @param {{ outDir: string; modulesRoot: string }} options
 */
export async function buildLayer({ outDir, modulesRoot }) {
  await clearOutDir(outDir, 'lambda-layer');
  const { packages, providedByRuntime } = await resolveClosure(modulesRoot);
  const entries = (await Promise.all(packages.map(packageEntries))).flat();
  const zipFile = path.join(outDir, 'layer.zip');
  const { bytes, sha256 } = await writeDeterministicZip(zipFile, entries);
  if (bytes > ZIP_BUDGET_BYTES) {
    await rm(zipFile, { force: true });
    throw new UserError(
      `lambda-layer: layer.zip is ${(bytes / 1024 / 1024).toFixed(2)} MB (${bytes} bytes), over the ` +
        `${ZIP_BUDGET_BYTES / 1024 / 1024} MB budget; check the package list for an unexpected dependency`,
    );
  }
  const manifest = {
    zip: 'layer.zip',
    bytes,
    sha256,
    files: entries.length,
    roots: LAYER_ROOTS,
    packages: packages.map(({ name, version, zipDir }) => ({ name, version, path: zipDir })),
    providedByRuntime,
  };
  await writeManifest(outDir, manifest);
  return manifest;
}

async function main() {
  const { 'out-dir': outDir, 'modules-root': modulesRoot } = directoryOptions({ 'out-dir': DEFAULT_OUT_DIR, 'modules-root': workspaceRoot });
  const manifest = await buildLayer({ outDir, modulesRoot });
  for (const pkg of manifest.packages) console.log(`  ${pkg.name}@${pkg.version}`);
  for (const dep of manifest.providedByRuntime) {
    console.log(`  (from the Lambda runtime) ${dep.name}, required by ${dep.requiredBy.join(', ')}`);
  }
  console.log(
    `layer.zip ${(manifest.bytes / 1024).toFixed(1)} KB, ${manifest.packages.length} packages, ` +
      `${manifest.files} files, sha256 ${manifest.sha256.slice(0, 12)} -> ${path.relative(process.cwd(), outDir) || '.'}`,
  );
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await runMain(main, 'lambda-layer');
}
