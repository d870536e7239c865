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

// The local run's AWS SDK clients talk only to the local emulators, on the developer's Node (the
// workspace supports Node >= 20). The SDK's Node-version warning (its v3 releases after January
// 2027 need Node 22) is about this machine, not about what ships (the functions run nodejs22.x),
// and would sit in the middle of the summary; so it is off here, for this process and the
// emulators it starts, unless the caller set the variable (AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED,
// read by @aws-sdk/core's emitWarningIfUnsupportedVersion).
process.env['AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED'] ??= 'true';

await runBundledCli('local-run', {
  cli: 'tools/local-run/src/cli.ts',
  'lambda-bootstrap': 'tools/local-run/src/lambda/lambda-bootstrap.mjs',
  'emulator-host': 'tools/local-aws/src/emulator-host.mjs',
});
