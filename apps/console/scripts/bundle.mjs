// @ts-check
// Bundles the console into one ESM file with every dependency inlined (AWS SDK, Hono, zod), so the
// container's runtime stage holds that file and Node, nothing else: no node_modules, no npm.
import { build } from 'esbuild';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const workspaceRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const outfile = join(workspaceRoot, 'dist', 'apps', 'console', 'server.mjs');

const result = await build({
  entryPoints: [join(workspaceRoot, 'apps', 'console', 'src', 'main.ts')],
  outfile,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node22',
  minify: true,
  sourcemap: false,
  legalComments: 'none',
  absWorkingDir: workspaceRoot,
  logLevel: 'warning',
  metafile: true,
  // The migrations are plain SQL files imported as text (as in the Lambda bundles).
  loader: { '.sql': 'text' },
  // pg's optional native binding; the pure-JavaScript client is what runs.
  external: ['pg-native'],
  // Some bundled packages are CommonJS and call require() for Node built-ins.
  banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
});
const bytes = Object.values(result.metafile.outputs).reduce((sum, output) => sum + output.bytes, 0);
process.stdout.write(`console bundle ${(bytes / 1024).toFixed(0)} KB -> ${outfile}\n`);
