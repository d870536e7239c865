#!/usr/bin/env node
// @ts-check
/**
 * Bundles every `src/handlers/<name>.ts` into its own Lambda artifact:
 *   dist/libs/lambda-handlers/<name>/index.mjs (+ .map)   the bundle, handler string `index.handler`
 *   dist/libs/lambda-handlers/<name>.zip                  reproducible zip of those two files
 *   dist/libs/lambda-handlers/manifest.json               sizes and sha256 per handler
 *
 * Usage: node libs/lambda-handlers/scripts/build-handlers.mjs [--handlers-dir DIR] [--out-dir DIR]
 * Default paths come from this file's location, so the working directory does not matter.
 */
import { build } from 'esbuild';
import { mkdir, readdir, writeFile } from 'node:fs/promises';
import { isBuiltin } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeDeterministicZip } from '@data-platform/deterministic-zip';
import { clearOutDir, directoryOptions, writeManifest } from '@data-platform/deterministic-zip/artifact-build';
import { UserError, runMain } from '@data-platform/workspace';

const workspaceRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const DEFAULT_HANDLERS_DIR = path.join(workspaceRoot, 'libs/lambda-handlers/src/handlers');
const DEFAULT_OUT_DIR = path.join(workspaceRoot, 'dist/libs/lambda-handlers');

/** A cold start loads and parses the whole bundle: 100 KB keeps that in the low milliseconds. */
const BUNDLE_BUDGET_BYTES = 100 * 1024;

/** Left out of the bundle: the nodejs22.x runtime ships the AWS SDK v3, the layer ships the rest. */
const EXTERNAL = ['@aws-sdk/*', '@middy/*', '@aws-lambda-powertools/*', 'pg'];

/**
 * What an external import may resolve to at run time. Keep the layer half in step with
 * LAYER_PACKAGES in libs/lambda-layer/src/index.ts (+ Powertools commons, which they depend on).
 */
const RUNTIME_PROVIDED = /^@aws-sdk\//;
const LAYER_PROVIDED = new Set([
  '@middy/core',
  '@aws-lambda-powertools/commons',
  '@aws-lambda-powertools/logger',
  '@aws-lambda-powertools/metrics',
  '@aws-lambda-powertools/tracer',
  'pg',
]);

/** Lets CommonJS dependencies bundled into an ES module call `require` (for Node built-ins). */
const BANNER = [
  "import { createRequire as __dataPlatformCreateRequire } from 'node:module';",
  'const require = __dataPlatformCreateRequire(import.meta.url);',
].join('\n');

const HANDLER_NAME = /^[a-z0-9][a-z0-9-]*$/;

/**
 * @typedef {object} HandlerResult
 * @property {string} name
 * @property {string} zip
 * @property {number} bytes
 * @property {string} sha256
 * @property {number} bundleBytes
 */

/**
 * @param {string} dir
 * @returns {Promise<{ name: string; entry: string }[]>}
 */
async function findHandlers(dir) {
  /** @type {string[]} */
  let files;
  try {
    files = await readdir(dir);
  } catch {
    throw new UserError(`lambda-handlers: handlers directory ${dir} does not exist (expected one <name>.ts per Lambda)`);
  }
  const handlers = files
    .filter((file) => file.endsWith('.ts') && !/\.(d|test|spec)\.ts$/.test(file))
    .map((file) => ({ name: file.slice(0, -'.ts'.length), entry: path.join(dir, file) }))
    // By name, not file name ("a-b.ts" sorts before "a.ts"), so manifest keys come out sorted.
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  if (handlers.length === 0) throw new UserError(`lambda-handlers: no handlers in ${dir} (expected one <name>.ts per Lambda)`);
  for (const { name, entry } of handlers) {
    if (!HANDLER_NAME.test(name)) throw new UserError(`lambda-handlers: ${entry}: handler file names must be kebab-case`);
  }
  return handlers;
}

/**
 * Source paths relative to the workspace root rather than to the output file, so the map (and
 * the zip's sha256) does not depend on where the bundle was written.
 * @param {string} mapText
 * @param {string} outFile
 * @returns {string}
 */
function normaliseSourceMap(mapText, outFile) {
  const map = JSON.parse(mapText);
  map.sources = map.sources.map((/** @type {string} */ source) =>
    path.relative(workspaceRoot, path.resolve(path.dirname(outFile), source)).split(path.sep).join('/'),
  );
  return `${JSON.stringify(map)}\n`;
}

/**
 * @param {string} specifier
 * @returns {string}
 */
function packageName(specifier) {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : (parts[0] ?? specifier);
}

/**
 * @param {{ name: string; entry: string }} handler
 * @param {string} outDir
 * @returns {Promise<{ name: string; js: Buffer; map: Buffer; problems: string[] }>}
 */
async function bundle({ name, entry }, outDir) {
  const outFile = path.join(outDir, name, 'index.mjs');
  let result;
  try {
    result = await build({
      entryPoints: [entry],
      outfile: outFile,
      absWorkingDir: workspaceRoot,
      // Lets a --handlers-dir outside the workspace (test fixtures) still use its node_modules.
      nodePaths: [path.join(workspaceRoot, 'node_modules')],
      bundle: true,
      platform: 'node',
      format: 'esm',
      // The Lambda runtime (nodejs22.x, LAMBDA_RUNTIME in @data-platform/constructs), not the
      // workspace's Node: the local run executes these bundles on Node >= 20, which runs this output too.
      target: 'node22',
      minify: true,
      // 'linked' = separate .map file plus the sourceMappingURL comment --enable-source-maps needs.
      sourcemap: 'linked',
      sourcesContent: false,
      mainFields: ['module', 'main'],
      // Migration files are plain SQL, bundled as text (database/migrate.ts).
      loader: { '.sql': 'text' },
      external: EXTERNAL,
      banner: { js: BANNER },
      legalComments: 'none',
      // Kept in memory only, to check imports and exports; never written (no timestamps to leak).
      metafile: true,
      write: false,
      logLevel: 'error',
    });
  } catch {
    throw new UserError(`lambda-handlers: bundling ${name} (${entry}) failed, see the esbuild errors above`);
  }
  const jsFile = result.outputFiles.find((file) => file.path.endsWith('.mjs'));
  const mapFile = result.outputFiles.find((file) => file.path.endsWith('.mjs.map'));
  if (!jsFile || !mapFile) throw new UserError(`lambda-handlers: esbuild produced no bundle for ${name}`);

  const problems = [];
  const output = Object.values(result.metafile.outputs).find((meta) => meta.entryPoint !== undefined);
  if (!output?.exports.includes('handler')) {
    problems.push(`${name}: ${entry} must export \`handler\` (the Lambda handler string is index.handler)`);
  }
  const unprovided = [
    ...new Set(
      (output?.imports ?? [])
        .filter((imported) => imported.external && !isBuiltin(imported.path))
        .map((imported) => packageName(imported.path))
        .filter((pkg) => !RUNTIME_PROVIDED.test(pkg) && !LAYER_PROVIDED.has(pkg)),
    ),
  ].sort();
  if (unprovided.length > 0) {
    problems.push(`${name}: imports ${unprovided.join(', ')}, which neither the runtime nor the layer provides`);
  }
  if (jsFile.contents.length > BUNDLE_BUDGET_BYTES) {
    problems.push(
      `${name}: bundle is ${formatKb(jsFile.contents.length)} (${jsFile.contents.length} bytes), over the ` +
        `${formatKb(BUNDLE_BUDGET_BYTES)} budget (index.mjs, source map not counted); keep the AWS SDK, ` +
        'middy and Powertools external or move the heavy dependency out of the handler',
    );
  }
  return {
    name,
    js: Buffer.from(jsFile.contents),
    map: Buffer.from(normaliseSourceMap(mapFile.text, outFile)),
    problems,
  };
}

/**
 * @param {number} bytes
 * @returns {string}
 */
function formatKb(bytes) {
  return `${(bytes / 1024).toFixed(1)} KB`;
}

/**
 * @param {{ handlersDir: string; outDir: string }} options
 * @returns {Promise<HandlerResult[]>}
 */
export async function buildHandlers({ handlersDir, outDir }) {
  const handlers = await findHandlers(handlersDir);
  // Cleared before bundling, so a failed build cannot leave older zips looking current.
  await clearOutDir(outDir, 'lambda-handlers');
  const bundles = await Promise.all(handlers.map((handler) => bundle(handler, outDir)));
  const problems = bundles.flatMap((bundled) => bundled.problems);
  if (problems.length > 0) {
    throw new UserError(`lambda-handlers: build failed\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
  }

  /** @type {HandlerResult[]} */
  const results = [];
  for (const { name, js, map } of bundles) {
    const dir = path.join(outDir, name);
    await mkdir(dir, { recursive: true });
    await writeFile(path.join(dir, 'index.mjs'), js);
    await writeFile(path.join(dir, 'index.mjs.map'), map);
    const zip = `${name}.zip`;
    const { bytes, sha256 } = await writeDeterministicZip(path.join(outDir, zip), [
      { path: 'index.mjs', source: js },
      { path: 'index.mjs.map', source: map },
    ]);
    results.push({ name, zip, bytes, sha256, bundleBytes: js.length });
  }

  /** @type {Record<string, Omit<HandlerResult, 'name'>>} */
  const manifest = {};
  for (const { name, ...artifact } of results) manifest[name] = artifact;
  await writeManifest(outDir, manifest);
  return results;
}

async function main() {
  const { 'handlers-dir': handlersDir, 'out-dir': outDir } = directoryOptions({ 'handlers-dir': DEFAULT_HANDLERS_DIR, 'out-dir': DEFAULT_OUT_DIR });
  const results = await buildHandlers({ handlersDir, outDir });
  const width = Math.max(...results.map((result) => result.name.length));
  for (const result of results) {
    console.log(
      `${result.name.padEnd(width)}  bundle ${formatKb(result.bundleBytes).padStart(9)}  ` +
        `zip ${formatKb(result.bytes).padStart(9)}  sha256 ${result.sha256.slice(0, 12)}`,
    );
  }
  console.log(`${results.length} handler(s) -> ${path.relative(process.cwd(), outDir) || '.'}`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await runMain(main, 'lambda-handlers');
}
