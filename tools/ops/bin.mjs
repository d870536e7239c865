#!/usr/bin/env node
// @ts-check
/**
 * Runs the operator CLI: esbuild bundles src/cli.ts (workspace libraries inlined, npm packages
 * left to node_modules) into dist/tools/ops/cli.mjs and imports it, so the bundle is never stale.
 *
 * Usage: npm run ops -- --help
 */
import { build } from 'esbuild';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { externalNpmPackages } from '@data-platform/nx-cdktf/workspace-bundle';

const workspaceRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const outdir = join(workspaceRoot, 'dist', 'tools', 'ops');

try {
  await build({
    entryPoints: { cli: join(workspaceRoot, 'tools/ops/src/cli.ts') },
    outdir,
    outExtension: { '.js': '.mjs' },
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    absWorkingDir: workspaceRoot,
    logLevel: 'warning',
    plugins: [externalNpmPackages],
  });
} catch {
  process.stderr.write('error: bundling tools/ops/src/cli.ts failed (see the esbuild errors above)\n');
  process.exit(1);
}

await import(pathToFileURL(join(outdir, 'cli.mjs')).href);
