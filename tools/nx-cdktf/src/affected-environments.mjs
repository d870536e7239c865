// @ts-check
// Which environments a change must be planned and deployed to, in promotion order, for CI:
//   node tools/nx-cdktf/src/affected-environments.mjs [--base=<ref>] [--head=<ref>] [--files=a,b] [--all]
// Prints a JSON array of { project, environment, planRoleVariable, deployRoleVariable }; the reason for each verdict goes
// to stderr. --all lists every environment (the nightly drift check). Base/head default to NX_BASE/NX_HEAD (set by the workflows), else nx.json's
// defaultBase and the working tree (committed, uncommitted and untracked changes, as Nx does).
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { refineAffected } from './affected-filter.mjs';
import { environmentApps, runMain, UserError } from '@data-platform/workspace';
import { workspaceRoot } from './workspace.mjs';

const run = promisify(execFile);
const NX = join(workspaceRoot, 'node_modules', '.bin', 'nx');

/**
 * The repository variable holding one of the OIDC roles CI assumes for an environment
 * (apps/infra-bootstrap-* outputs their ARNs): the read-only plan role or the deploy role.
 * @param {'PLAN' | 'DEPLOY'} kind
 * @param {string} environment
 */
export function roleVariable(kind, environment) {
  return `AWS_${kind}_ROLE_ARN_${environment.toUpperCase().replace(/[^A-Z0-9]/g, '_')}`;
}

/**
 * @param {string[]} args
 * @returns {Promise<string>}
 */
async function git(args) {
  return (await run('git', args, { cwd: workspaceRoot, maxBuffer: 64 * 1024 * 1024 })).stdout;
}

/**
 * Files changed between base and head (or the working tree), as `nx affected` counts them;
 * --no-renames so a move shows both the deleted and the added path.
 * @param {string} base
 * @param {string | undefined} head
 */
async function changedFiles(base, head) {
  const lines = (/** @type {string} */ text) => text.split('\n').filter(Boolean);
  const mergeBase = (await git(['merge-base', base, head ?? 'HEAD'])).trim();
  if (head) return lines(await git(['diff', '--name-only', '--no-renames', mergeBase, head]));
  const tracked = lines(await git(['diff', '--name-only', '--no-renames', mergeBase]));
  const untracked = lines(await git(['ls-files', '--others', '--exclude-standard']));
  return [...new Set([...tracked, ...untracked])];
}

/**
 * @param {string[]} args
 * @returns {Promise<any>}
 */
async function nxJson(args) {
  const { stdout } = await run(NX, args, { cwd: workspaceRoot, maxBuffer: 64 * 1024 * 1024 });
  return JSON.parse(stdout);
}

/** @param {import('@data-platform/workspace').EnvironmentApp} app */
const describe = (app) => ({
  project: app.project,
  environment: app.environment,
  planRoleVariable: roleVariable('PLAN', app.environment),
  deployRoleVariable: roleVariable('DEPLOY', app.environment),
});

/**
 * @param {{ base?: string, head?: string, files?: string[], all?: boolean }} options
 */
export async function affectedEnvironments(options) {
  if (options.all) return { environments: environmentApps(workspaceRoot).map(describe), verdicts: [] };
  const files = options.files ?? (await changedFiles(options.base ?? 'main', options.head));
  if (files.length === 0) return { environments: [], verdicts: [] };
  /** @type {string[]} */
  const candidates = await nxJson(['show', 'projects', '--affected', '--with-target=deploy', '--json', `--files=${files.join(',')}`]);
  const apps = environmentApps(workspaceRoot).filter((app) => candidates.includes(app.project));
  const inputs = await Promise.all(apps.map(async (app) => /** @type {{ files: string[] }} */ (await nxJson(['show', 'target', 'inputs', `${app.project}:synth`, '--json'])).files));
  const verdicts = refineAffected({
    candidates: apps.map((app) => app.project),
    changedFiles: files,
    inputFiles: Object.fromEntries(apps.map((app, i) => [app.project, inputs[i] ?? []])),
    exists: (file) => existsSync(join(workspaceRoot, file)),
  });
  const environments = apps
    .filter((app) => verdicts.find((v) => v.project === app.project)?.affected)
    .map(describe);
  return { environments, verdicts };
}

/** @param {string[]} argv */
function parseArgs(argv) {
  /** @type {{ base?: string, head?: string, files?: string[], all?: boolean }} */
  const options = { base: process.env['NX_BASE'] || undefined, head: process.env['NX_HEAD'] || undefined };
  for (const arg of argv) {
    const [key, value = ''] = arg.split(/=(.*)/s);
    if (key === '--all') options.all = true;
    else if (key === '--base') options.base = value;
    else if (key === '--head') options.head = value;
    else if (key === '--files') options.files = value.split(/[,\s]+/).filter(Boolean);
    else throw new UserError(`unknown option ${arg}: use --base=<ref> --head=<ref>, --files=<a,b> or --all`);
  }
  return options;
}

// Run as a script (CI), not when imported by a test.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await runMain(async () => {
    const { environments, verdicts } = await affectedEnvironments(parseArgs(process.argv.slice(2)));
    for (const v of verdicts) process.stderr.write(`${v.project}: ${v.affected ? 'affected' : 'not affected'}: ${v.reason}\n`);
    process.stdout.write(`${JSON.stringify(environments)}\n`);
  });
}
