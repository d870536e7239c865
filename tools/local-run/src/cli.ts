import { stopAllLocalPipelines } from './local-pipeline.js';
import { runCli } from './run-cli.js';

// Entry point of `npm start` (through bin.mjs); the work is in runCli so tests can drive it in-process.
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    // Interrupted mid-run: still free the emulator ports, stop the function processes, remove temp files.
    void stopAllLocalPipelines().finally(() => process.exit(130));
  });
}
// npm runs scripts from the package root; INIT_CWD is where the user typed `npm start`, which is
// what relative --input and --out paths mean.
const cwd = process.env['INIT_CWD'] ?? process.cwd();
process.exitCode = await runCli(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, cwd });
