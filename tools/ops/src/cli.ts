import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runOps } from './ops-cli.js';

// Entry point of `npm run ops` (through bin.mjs, which bundles this file into dist/tools/ops/).
const workspaceRoot = join(fileURLToPath(new URL('.', import.meta.url)), '..', '..', '..');
process.exitCode = await runOps(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, workspaceRoot });
