#!/usr/bin/env node
// @ts-check
/**
 * Runs the operator CLI (src/cli.ts) the way every TypeScript tool runs: bundled on each run into
 * dist/tools/ops/ with the workspace's node bundle options, then imported.
 *
 * Usage: npm run ops -- --help
 */
import { runBundledCli } from '@data-platform/workspace';

await runBundledCli('ops', { cli: 'tools/ops/src/cli.ts' });
