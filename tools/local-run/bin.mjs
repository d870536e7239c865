#!/usr/bin/env node
// @ts-check
/**
 * Runs the local-run CLI: esbuild bundles src/cli.ts with the workspace's node bundle options
 * (workspace libraries inlined from their TypeScript sources, npm packages left to
 * node_modules) into dist/tools/local-run/cli.mjs, and this process imports it. Bundling takes a
 * fraction of a second, so it happens on every run and the bundle can never be stale. The two
 * scripts that run as child processes (the emulator process and the Lambda runtime bootstrap) are
 * written beside the bundle, where the bundled code looks for them (`new URL('./<name>.mjs', import.meta.url)`).
 *
 * Usage: node tools/local-run/bin.mjs [--env dev] [--input file] [--out dir] [--json]
 */
import { findWorkspaceRoot, nodeBundleOptions } from '@data-platform/workspace';
import { build } from 'esbuild';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const workspaceRoot = findWorkspaceRoot(import.meta.dirname);
const outdir = join(workspaceRoot, 'dist', 'tools', 'local-run');

try {
  await build({
    ...nodeBundleOptions(),
    entryPoints: {
      cli: join(workspaceRoot, 'tools/local-run/src/cli.ts'),
      'lambda-bootstrap': join(workspaceRoot, 'tools/local-run/src/lambda/lambda-bootstrap.mjs'),
      'emulator-host': join(workspaceRoot, 'tools/local-aws/src/emulator-host.mjs'),
    },
    outdir,
    outExtension: { '.js': '.mjs' },
    absWorkingDir: workspaceRoot,
  });
} catch {
  process.stderr.write('error: bundling tools/local-run/src/cli.ts failed (see the esbuild errors above)\n');
  process.exit(1);
}

await import(pathToFileURL(join(outdir, 'cli.mjs')).href);
