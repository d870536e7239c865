// @ts-check
// The environment apps: every apps/*/cdktf.json whose environment is promoted (shared, dev,
// staging, prod), named as the Nx plugin names them (project = directory). Bootstrap apps are not among
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
  const context = cdktfContext(workspaceRoot, projectRoot);
  return typeof context?.environment === 'string' ? context.environment : basename(projectRoot);
}

/**
 * The `context` of an app's cdktf.json, undefined when the app has none.
 * @param {string} workspaceRoot
 * @param {string} projectRoot
 * @returns {{ environment?: unknown, bucket?: unknown } | undefined}
 */
function cdktfContext(workspaceRoot, projectRoot) {
  const file = join(resolve(workspaceRoot, projectRoot), 'cdktf.json');
  if (!existsSync(file)) return undefined;
  return /** @type {{ context?: { environment?: unknown, bucket?: unknown } }} */ (JSON.parse(readFileSync(file, 'utf8'))).context;
}

/**
 * @typedef {object} EnvironmentApp
 * @property {string} project Nx project name = directory name, e.g. `infra-dev`
 * @property {string} root workspace-relative project root, e.g. `apps/infra-dev`
 * @property {string} environment `context.environment` of its cdktf.json, e.g. `dev`
 * @property {string} synthDir absolute `dist/cdktf/<project>`: where synth writes the stack
 * @property {string} workDir absolute root of its Terraform work dirs (`<work root>/<project>`)
 * @property {boolean} runsPipeline whether it deploys the data pipeline (the local run can run it);
 *   the shared stack does not: it has an offline plan but no data bucket in its config
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
      runsPipeline: typeof cdktfContext(workspaceRoot, `apps/${project}`)?.bucket === 'object',
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
  return findAmong(environmentApps(workspaceRoot, env), environment);
}

/**
 * The app of `environment` among those that deploy the data pipeline (what the local run can
 * run), or a usage error naming them: the shared stack is not one.
 * @param {string} workspaceRoot
 * @param {string} environment
 * @param {NodeJS.ProcessEnv} [env]
 * @returns {EnvironmentApp}
 */
function findPipelineApp(workspaceRoot, environment, env = process.env) {
  return findAmong(environmentApps(workspaceRoot, env).filter((app) => app.runsPipeline), environment);
}

/**
 * @param {EnvironmentApp[]} apps
 * @param {string} environment
 * @returns {EnvironmentApp}
 */
function findAmong(apps, environment) {
  const app = apps.find((candidate) => candidate.environment === environment);
  if (app) return app;
  const known = apps.map((a) => a.environment).join(', ') || '(no apps/*/cdktf.json found)';
  throw new UserError(`unknown environment '${environment}': expected one of ${known}`, { exitCode: 2 });
}

module.exports = { WORK_ROOT_VARIABLE, environmentApps, environmentOf, findEnvironmentApp, findPipelineApp, workRoot };
