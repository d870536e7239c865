import { execFile } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const SCRIPT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../scripts/build-layer.mjs');

export interface BuildRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs the real layer build in a child process, from an unrelated working directory. */
export function runBuildLayer(outDir: string, extraArgs: readonly string[] = []): Promise<BuildRun> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [SCRIPT, '--out-dir', outDir, ...extraArgs],
      { cwd: path.dirname(outDir), encoding: 'utf8' },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}
