// @ts-check
// What the tests of the two Lambda artifact builds (build-handlers, build-layer) share: the build
// script run as Nx runs it, in a child process, and the same build twice into one temporary folder
// for the determinism checks. Test support beside artifact-build.mjs rather than under tests/, so
// the suites that import it are re-run when it changes (they depend on this project's production files).
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll } from 'vitest';

/** @typedef {{ readonly code: number; readonly stdout: string; readonly stderr: string }} BuildRun */

/**
 * Runs a build script in a child process from the output directory's parent, so the build cannot
 * lean on the workspace being its working directory. Resolves with the exit code instead of rejecting.
 * @param {string} script absolute path of the .mjs build script
 * @param {readonly string[]} args its command line, `--out-dir` included
 * @param {string} outDir
 * @returns {Promise<BuildRun>}
 */
export function runBuildScript(script, args, outDir) {
  return new Promise((resolve) => {
    execFile(process.execPath, [script, ...args], { cwd: path.dirname(outDir), encoding: 'utf8' }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

/**
 * For the calling suite: a fresh temporary folder, `work`, and the build run twice before the tests,
 * into `work/first` and `work/second`. The folder is removed after the suite.
 * @param {string} prefix names the temporary folder
 * @param {(outDir: string) => Promise<BuildRun>} build one build into `outDir`
 * @returns {{ readonly work: string; readonly first: BuildRun; readonly second: BuildRun }}
 */
export function buildTwiceForSuite(prefix, build) {
  let work = '';
  /** @type {BuildRun[]} */
  let runs = [];
  beforeAll(async () => {
    work = await mkdtemp(path.join(tmpdir(), prefix));
    runs = await Promise.all([build(path.join(work, 'first')), build(path.join(work, 'second'))]);
  });
  afterAll(async () => {
    if (work) await rm(work, { recursive: true, force: true });
  });
  /** @param {number} index */
  const run = (index) => {
    const result = runs[index];
    if (!result) throw new Error('buildTwiceForSuite: the builds run in beforeAll; read them from hooks and tests only');
    return result;
  };
  return {
    get work() {
      return work;
    },
    get first() {
      return run(0);
    },
    get second() {
      return run(1);
    },
  };
}
