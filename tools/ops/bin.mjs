#!/usr/bin/env node
// @ts-check
/**
 * Runs the operator CLI: esbuild bundles src/cli.ts (workspace libraries inlined, npm packages
 * left to node_modules) into dist/tools/ops/cli.mjs and imports it, so the bundle is never stale.
 *
 * Usage: npm run ops -- --help
 */
import { findWorkspaceRoot, nodeBundleOptions } from '@data-platform/workspace';
import { build } from 'esbuild';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const workspaceRoot = findWorkspaceRoot(import.meta.dirname);
const outdir = join(workspaceRoot, 'dist', 'tools', 'ops');

try {
  await build({
    ...nodeBundleOptions(),
    entryPoints: { cli: join(workspaceRoot, 'tools/ops/src/cli.ts') },
    outdir,
    outExtension: { '.js': '.mjs' },
    absWorkingDir: workspaceRoot,
  });
} catch {
  process.stderr.write('error: bundling tools/ops/src/cli.ts failed (see the esbuild errors above)\n');
  process.exit(1);
}

await import(pathToFileURL(join(outdir, 'cli.mjs')).href);
