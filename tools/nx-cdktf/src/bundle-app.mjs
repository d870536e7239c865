// @ts-check
// Bundles an app's main.ts with esbuild: the workspace libs (TypeScript sources) inlined, every
// npm package external (bundling cdktf breaks its asset handling). Always from the current sources,
// so neither the Nx synth target nor the cdktf CLI ever runs a stale bundle.
import { build } from 'esbuild';
import { join } from 'node:path';
import { externalNpmPackages } from './workspace-bundle.mjs';

/**
 * @param {{ appDir: string, bundle: string }} paths from appPaths()
 */
export async function bundleApp(paths) {
  await build({
    entryPoints: [join(paths.appDir, 'main.ts')],
    outfile: paths.bundle,
    bundle: true,
    platform: 'node',
    format: 'esm',
    // The synth runs here, on the workspace's Node (>= 20); the functions it declares run nodejs22.x.
    target: 'node20',
    sourcemap: 'linked',
    logLevel: 'warning',
    plugins: [externalNpmPackages],
  });
}
