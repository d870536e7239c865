#!/usr/bin/env node
// @ts-check
/**
 * Runs the local-run CLI: esbuild bundles src/cli.ts (workspace libraries inlined from their
 * TypeScript sources, npm packages left to node_modules) into dist/tools/local-run/cli.mjs, and
 * this process imports it. Bundling takes a fraction of a second, so it happens on every run and
 * the bundle can never be stale. The two scripts that run as child processes (the emulator
 * process and the Lambda runtime bootstrap) are written beside the bundle, where the bundled
 * code looks for them (`new URL('./<name>.mjs', import.meta.url)`).
 *
 * Usage: node tools/local-run/bin.mjs [--env dev] [--input file] [--out dir] [--json]
 */
import { build } from 'esbuild';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const workspaceRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const outdir = join(workspaceRoot, 'dist', 'tools', 'local-run');

/** @type {import('esbuild').Plugin} */
const externalPackages = {
  name: 'external-npm-packages',
  setup(builder) {
    // @data-platform/* are TypeScript sources: bundle them. Everything else resolves from node_modules
    // at run time; cdktf provider submodules are CommonJS directories, which ESM imports only by file
    // (as in tools/nx-cdktf/src/synth.mjs).
    builder.onResolve({ filter: /^[^./]/ }, (args) => {
      if (args.path.startsWith('@data-platform/')) return undefined;
      const path = /^@cdktf\/provider-aws\/lib\/[\w-]+$/.test(args.path) ? `${args.path}/index.js` : args.path;
      return { path, external: true };
    });
  },
};

try {
  await build({
    entryPoints: {
      cli: join(workspaceRoot, 'tools/local-run/src/cli.ts'),
      'lambda-bootstrap': join(workspaceRoot, 'tools/local-run/src/lambda/lambda-bootstrap.mjs'),
      'emulator-host': join(workspaceRoot, 'tools/local-aws/src/emulator-host.mjs'),
    },
    outdir,
    outExtension: { '.js': '.mjs' },
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    sourcemap: 'linked',
    absWorkingDir: workspaceRoot,
    logLevel: 'warning',
    plugins: [externalPackages],
  });
} catch {
  process.stderr.write('error: bundling tools/local-run/src/cli.ts failed (see the esbuild errors above)\n');
  process.exit(1);
}

await import(pathToFileURL(join(outdir, 'cli.mjs')).href);
