// @ts-check
// Bundles an app's main.ts with esbuild (the workspace's node bundle options: workspace libs
// inlined, npm packages external). Always from the current sources, so neither the Nx synth
// target nor the cdktf CLI ever runs a stale bundle.
import { nodeBundleOptions } from '@data-platform/workspace';
import { build } from 'esbuild';
import { join } from 'node:path';

/**
 * @param {{ appDir: string, bundle: string }} paths from appPaths()
 */
export async function bundleApp(paths) {
  await build({ ...nodeBundleOptions(), entryPoints: [join(paths.appDir, 'main.ts')], outfile: paths.bundle });
}
