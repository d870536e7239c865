// @ts-check
// The `app` command of every apps/*/cdktf.json, for people who reach for the cdktf CLI:
//   cd apps/infra-prod && npx cdktf synth   (or cdktf diff)
// The CLI runs this in the app directory with CDKTF_OUTDIR set. It builds the handler and layer
// zips through Nx (cached, so usually instant), bundles main.ts from the current sources and runs
// it, so the CLI never synthesizes from a stale bundle in dist/.
import { spawnSync } from 'node:child_process';
import { join, relative } from 'node:path';
import { bundleApp } from './bundle-app.mjs';
import { appPaths, fail, workspaceRoot } from './workspace.mjs';

const paths = appPaths(relative(workspaceRoot, process.cwd()));
const nx = spawnSync(join(workspaceRoot, 'node_modules', '.bin', 'nx'), ['run-many', '-t', 'build', '-p', 'lambda-handlers', 'lambda-layer', '--outputStyle=static'], {
  cwd: workspaceRoot,
  stdio: ['ignore', 'ignore', 'inherit'],
});
if (nx.status !== 0) fail('building the handler and layer zips failed (npx nx run-many -t build shows why)');
await bundleApp(paths);
const result = spawnSync(process.execPath, ['--enable-source-maps', paths.bundle], { cwd: paths.appDir, stdio: 'inherit', env: process.env });
process.exitCode = result.status ?? 1;
