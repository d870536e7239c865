import { execFile } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const FIXTURE_HANDLERS_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), 'fixtures/handlers');
const SCRIPT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../scripts/build-handlers.mjs');

export interface BuildRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs the real build script in a child process, from an unrelated working directory. */
export function runBuildHandlers(handlersDir: string, outDir: string): Promise<BuildRun> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [SCRIPT, '--handlers-dir', handlersDir, '--out-dir', outDir],
      { cwd: path.dirname(outDir), encoding: 'utf8' },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}
