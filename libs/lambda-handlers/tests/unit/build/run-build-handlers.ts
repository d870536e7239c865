import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { runBuildScript, type BuildRun } from '@data-platform/deterministic-zip/artifact-build-suite';

export const FIXTURE_HANDLERS_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), 'fixtures/handlers');
const SCRIPT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../scripts/build-handlers.mjs');

/** Runs the real build script in a child process, from an unrelated working directory. */
export function runBuildHandlers(handlersDir: string, outDir: string): Promise<BuildRun> {
  return runBuildScript(SCRIPT, ['--handlers-dir', handlersDir, '--out-dir', outDir], outDir);
}
