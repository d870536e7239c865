#!/usr/bin/env node
// @ts-check
/**
 * Runs the local-run CLI (src/cli.ts) the way every TypeScript tool runs: bundled on each run into
 * dist/tools/local-run/ with the workspace's node bundle options, then imported. The two scripts
 * that run as child processes (the emulator process and the Lambda runtime bootstrap) are bundled
 * beside it, where the bundled code looks for them.
 *
 * Usage: node tools/local-run/bin.mjs [--env dev] [--input file] [--out dir] [--json]
 */
import { runBundledCli } from '@data-platform/workspace';

await runBundledCli('local-run', {
  cli: 'tools/local-run/src/cli.ts',
  'lambda-bootstrap': 'tools/local-run/src/lambda/lambda-bootstrap.mjs',
  'emulator-host': 'tools/local-aws/src/emulator-host.mjs',
});
