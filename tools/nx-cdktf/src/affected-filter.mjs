// @ts-check
// Nx's affected set is per project: a test file in libs/constructs "affects" every environment,
// because the environments depend on that project. Deploying is about the synthesized stack, so
// an environment stays affected only when a changed file is an input of its synth (production
// files of the app and of every lib it builds from, handler/layer build scripts, nx.json).
// Tests, docs and lint config drop out.

/**
 * @typedef {{ project: string, affected: boolean, reason: string }} AffectedVerdict
 */

/** Lock files: Nx maps their changes to the projects using the changed packages, so trust it. */
const LOCK_FILES = ['package-lock.json', 'yarn.lock', 'pnpm-lock.yaml', 'bun.lock', 'bun.lockb'];

/**
 * Whether a file that is no longer on disk may have fed the synth. Nx lists only existing input
 * files, so look at where it lived: a directory (below its project's root) that still holds synth
 * inputs, like src/, says yes; one that holds none, like tests/, says no. Directly in a project
 * root or outside any project there is nothing to go by, so it counts.
 * @param {string} file
 * @param {string[]} inputs
 * @param {(path: string) => boolean} exists
 */
export function deletedFileMayFeedSynth(file, inputs, exists) {
  const parts = file.split('/');
  for (let depth = parts.length - 1; depth >= 1; depth--) {
    const dir = parts.slice(0, depth).join('/');
    if (exists(`${dir}/package.json`) || exists(`${dir}/project.json`)) return depth === parts.length - 1;
    if (inputs.some((input) => input.startsWith(`${dir}/`))) return true;
  }
  return true;
}

/**
 * @param {{
 *   candidates: string[],
 *   changedFiles: string[],
 *   inputFiles: Record<string, string[]>,
 *   exists: (path: string) => boolean,
 * }} args candidates: environments Nx calls affected; inputFiles: each one's synth input files
 *   (`nx show target inputs <project>:synth --json`); exists: whether a workspace path is on disk
 * @returns {AffectedVerdict[]}
 */
export function refineAffected({ candidates, changedFiles, inputFiles, exists }) {
  return candidates.map((project) => {
    const inputs = inputFiles[project] ?? [];
    const inputSet = new Set(inputs);
    const input = changedFiles.find((file) => inputSet.has(file));
    if (input) return { project, affected: true, reason: `${input} is an input of its synth` };
    // Package versions are hashed as external dependencies, not as a file, so the lock file need
    // not be among the input files even when a package the synth uses changed.
    const lockFile = changedFiles.find((file) => LOCK_FILES.includes(file));
    if (lockFile) return { project, affected: true, reason: `${lockFile} changed a package Nx maps to it` };
    const deleted = changedFiles.find((file) => !exists(file) && deletedFileMayFeedSynth(file, inputs, exists));
    if (deleted) return { project, affected: true, reason: `${deleted} is gone and may have fed its synth` };
    return { project, affected: false, reason: 'no changed file is an input of its synth (tests, docs or tooling only)' };
  });
}
