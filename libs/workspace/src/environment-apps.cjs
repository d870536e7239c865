// @ts-check
// The environment apps: every apps/*/cdktf.json whose environment is promoted (dev, staging,
// prod), named as the Nx plugin names them (project = directory). Bootstrap apps are not among
// them: an administrator applies those once per account, never CI.
const { existsSync, readdirSync, readFileSync } = require('node:fs');
const { basename, join, resolve } = require('node:path');
const { isPromoted, sortByPromotion } = require('./promotion-order.cjs');
const { UserError } = require('./user-error.cjs');

/**
 * Where Terraform work dirs go: dist/terraform unless NX_CDKTF_WORK_ROOT moves them (tests use
 * their own so they never race a developer's plan in the same directory).
 */
const WORK_ROOT_VARIABLE = 'NX_CDKTF_WORK_ROOT';

/**
 * @param {string} workspaceRoot
 * @param {NodeJS.ProcessEnv} [env]
 */
function workRoot(workspaceRoot, env = process.env) {
  const moved = env[WORK_ROOT_VARIABLE];
  return moved ? resolve(moved) : join(workspaceRoot, 'dist', 'terraform');
}

/**
 * The environment an app deploys (`context.environment` of its cdktf.json); the project name
 * when the app does not say.
 * @param {string} workspaceRoot
 * @param {string} projectRoot e.g. apps/infra-dev
 */
function environmentOf(workspaceRoot, projectRoot) {
  const file = join(resolve(workspaceRoot, projectRoot), 'cdktf.json');
  if (!existsSync(file)) return basename(projectRoot);
  const context = /** @type {{ context?: { environment?: unknown } }} */ (JSON.parse(readFileSync(file, 'utf8'))).context;
  return typeof context?.environment === 'string' ? context.environment : basename(projectRoot);
}

/**
 * @typedef {object} EnvironmentApp
 * @property {string} project Nx project name = directory name, e.g. `infra-dev`
 * @property {string} root workspace-relative project root, e.g. `apps/infra-dev`
 * @property {string} environment `context.environment` of its cdktf.json, e.g. `dev`
 * @property {string} synthDir absolute `dist/cdktf/<project>`: where synth writes the stack
 * @property {string} workDir absolute root of its Terraform work dirs (`<work root>/<project>`)
 */

/**
 * @param {string} workspaceRoot
 * @param {NodeJS.ProcessEnv} [env]
 * @returns {EnvironmentApp[]} in promotion order
 */
function environmentApps(workspaceRoot, env = process.env) {
  const appsDir = join(workspaceRoot, 'apps');
  if (!existsSync(appsDir)) return [];
  const apps = readdirSync(appsDir)
    .filter((name) => existsSync(join(appsDir, name, 'cdktf.json')))
    .map((project) => ({
      project,
      root: `apps/${project}`,
      environment: environmentOf(workspaceRoot, `apps/${project}`),
      synthDir: join(workspaceRoot, 'dist', 'cdktf', project),
      workDir: join(workRoot(workspaceRoot, env), project),
    }))
    .filter((app) => isPromoted(app.environment));
  return sortByPromotion(apps);
}

/**
 * The app of `environment`, or a usage error naming the ones that exist.
 * @param {string} workspaceRoot
 * @param {string} environment
 * @param {NodeJS.ProcessEnv} [env]
 * @returns {EnvironmentApp}
 */
function findEnvironmentApp(workspaceRoot, environment, env = process.env) {
  const apps = environmentApps(workspaceRoot, env);
  const app = apps.find((candidate) => candidate.environment === environment);
  if (app) return app;
  const known = apps.map((a) => a.environment).join(', ') || '(no apps/*/cdktf.json found)';
  throw new UserError(`unknown environment '${environment}': expected one of ${known}`, { exitCode: 2 });
}

module.exports = { WORK_ROOT_VARIABLE, environmentApps, environmentOf, findEnvironmentApp, workRoot };
