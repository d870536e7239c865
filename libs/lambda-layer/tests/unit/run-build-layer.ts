import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { runBuildScript, type BuildRun } from '@data-platform/deterministic-zip/artifact-build-suite';

const SCRIPT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../scripts/build-layer.mjs');

/** Runs the real layer build in a child process, from an unrelated working directory. */
export function runBuildLayer(outDir: string, extraArgs: readonly string[] = []): Promise<BuildRun> {
  return runBuildScript(SCRIPT, ['--out-dir', outDir, ...extraArgs], outDir);
}
