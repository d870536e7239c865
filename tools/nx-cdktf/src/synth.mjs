// @ts-check
// Synthesizes one environment (the Nx `synth` target): bundles the app's main.ts (bundle-app.mjs),
// then node runs the bundle in the app directory, as the cdktf CLI would, writing Terraform JSON to
// dist/cdktf/<app>.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { bundleApp } from './bundle-app.mjs';
import { appPaths, fail } from './workspace.mjs';

const projectRoot = process.argv[2];
if (!projectRoot) fail('usage: synth.mjs <app dir>');
const paths = appPaths(projectRoot);

await bundleApp(paths);
rmSync(paths.synthDir, { recursive: true, force: true });
mkdirSync(paths.synthDir, { recursive: true });
const verbose = process.argv.includes('--verbose') ? ['--verbose'] : [];
const result = spawnSync(process.execPath, ['--enable-source-maps', paths.bundle, ...verbose], {
  cwd: paths.appDir,
  stdio: 'inherit',
  env: { ...process.env, CDKTF_OUTDIR: paths.synthDir },
});
// The app reports its own failures (an invalid config: one line per problem); add nothing to them.
if (result.status === null) fail(`synth of ${paths.name} was stopped by ${result.signal}`);
if (result.status !== 0) process.exit(result.status);
const stacks = readdirSync(join(paths.synthDir, 'stacks'));
process.stdout.write(`synthesized ${paths.name}: ${stacks.map((s) => join('dist/cdktf', paths.name, 'stacks', s)).join(', ')}\n`);
