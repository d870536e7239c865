// @ts-check
// manifest: the inventory of every resource of one environment (SPEC §3.10), as JSON and as
// Markdown for a PR comment, read from the synthesized stack. The inventory logic lives in
// @data-platform/constructs (TypeScript), reached through inventory.ts and bundled like the synth.
import { nodeBundleOptions } from '@data-platform/workspace';
import { build } from 'esbuild';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { appPaths, fail, workspaceRoot } from './workspace.mjs';

const projectRoot = process.argv[2];
if (!projectRoot) fail('usage: manifest.mjs <app dir>');
const paths = appPaths(projectRoot);

const bundle = join(workspaceRoot, 'dist', 'tools', 'nx-cdktf', 'inventory.mjs');
await build({ ...nodeBundleOptions(), entryPoints: [join(import.meta.dirname, 'inventory.ts')], outfile: bundle });
/** @type {typeof import('./inventory.js')} */
const inventory = await import(pathToFileURL(bundle).href);

let stack;
try {
  stack = inventory.SynthesizedStack.fromSynthDir(paths.synthDir);
} catch (error) {
  fail(/** @type {Error} */ (error).message);
}
const manifest = inventory.resourceManifest(paths.name, stack);
const outDir = join(workspaceRoot, 'dist', 'manifest', paths.name);
mkdirSync(outDir, { recursive: true });
writeFileSync(join(outDir, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
writeFileSync(join(outDir, 'manifest.md'), inventory.manifestMarkdown(manifest));
process.stdout.write(`${paths.name}: ${manifest.resourceCount} resources -> ${join('dist', 'manifest', paths.name)}/manifest.{json,md}\n`);
