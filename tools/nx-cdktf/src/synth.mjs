// @ts-check
// Synthesizes one environment (the Nx `synth` target): bundles the app's main.ts (bundle-app.mjs),
// then node runs the bundle in the app directory, as the cdktf CLI would, writing Terraform JSON to
// dist/cdktf/<app>.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { bundleApp } from './bundle-app.mjs';
import { appPaths, fail } from './workspace.mjs';

const projectRoot = process.argv[2];
if (!projectRoot) fail('usage: synth.mjs <app dir>');
const paths = appPaths(projectRoot);

await bundleApp(paths);
// Synthesize beside the output and swap it in whole, so a reader (a test, a plan) never finds the
// synth dir half written while another task re-synthesizes.
const fresh = `${paths.synthDir}.synth-${process.pid}`;
rmSync(fresh, { recursive: true, force: true });
mkdirSync(fresh, { recursive: true });
const verbose = process.argv.includes('--verbose') ? ['--verbose'] : [];
const result = spawnSync(process.execPath, ['--enable-source-maps', paths.bundle, ...verbose], {
  cwd: paths.appDir,
  stdio: 'inherit',
  env: { ...process.env, CDKTF_OUTDIR: fresh },
});
if (result.status !== 0) rmSync(fresh, { recursive: true, force: true });
// The app reports its own failures (an invalid config: one line per problem); add nothing to them.
if (result.status === null) fail(`synth of ${paths.name} was stopped by ${result.signal}`);
if (result.status !== 0) process.exit(result.status);
const previous = `${paths.synthDir}.previous-${process.pid}`;
rmSync(previous, { recursive: true, force: true });
if (existsSync(paths.synthDir)) renameSync(paths.synthDir, previous);
renameSync(fresh, paths.synthDir);
rmSync(previous, { recursive: true, force: true });
const stacks = readdirSync(join(paths.synthDir, 'stacks'));
process.stdout.write(`synthesized ${paths.name}: ${stacks.map((s) => join('dist/cdktf', paths.name, 'stacks', s)).join(', ')}\n`);
