// @ts-check
// Plain CommonJS so Nx loads it without a TypeScript transpiler. Public plugin API only
// (`createNodes`, typed from @nx/devkit), with options for the target names like @nx/eslint's
// `targetName` or @nx/vite's `buildTargetName`.
const { DependencyType } = require('@nx/devkit');
const { existsSync, readFileSync } = require('node:fs');
const { dirname, basename, join } = require('node:path');
const { moduleClosure } = require('./src/module-closure.cjs');
const { previousInPromotion } = require('@data-platform/workspace');
const { remoteStateEdges, remoteStatesOf } = require('./src/remote-state-dependencies.cjs');
const { requestedTasks, unknownConfigurationMessage } = require('./src/requested-tasks.cjs');
const { runtimeProjects } = require('./src/runtime-projects.cjs');

/**
 * @typedef {object} NxCdktfPluginOptions
 * @property {string} [synthTargetName] default `synth`
 * @property {string} [validateTargetName] default `validate`
 * @property {string} [planTargetName] default `plan`
 * @property {string} [deployTargetName] default `deploy`
 * @property {string} [destroyTargetName] default `destroy`
 * @property {string} [driftTargetName] default `drift`
 * @property {string} [manifestTargetName] default `manifest`
 */

/** @typedef {import('@nx/devkit').TargetConfiguration} TargetConfiguration */
/** @typedef {NonNullable<TargetConfiguration['inputs']>[number]} Input */

/**
 * What each target runs: its entry files (the first is the command; manifest.mjs also bundles
 * and runs inventory.ts). A target's inputs are their module closure and the plugin's own, so no
 * file it executes can be left out; tests/plugin-inputs.test.ts ties this to esbuild's own view.
 */
const RUNNERS = {
  synth: ['tools/nx-cdktf/src/synth.mjs'],
  terraform: ['tools/nx-cdktf/src/terraform.mjs'],
  manifest: ['tools/nx-cdktf/src/manifest.mjs', 'tools/nx-cdktf/src/inventory.ts'],
};

/** The plugin itself decides what every target runs, so a change to it affects every environment. */
const PLUGIN_ENTRY = 'tools/nx-cdktf/plugin.cjs';

/** Environment variables that change what a cached target produces. */
const TERRAFORM_ENV = ['TF_PROVIDER_MIRROR', 'TERRAFORM_BINARY'];

/**
 * @param {NxCdktfPluginOptions | undefined} options
 */
function targetNames(options = {}) {
  return {
    synth: options.synthTargetName ?? 'synth',
    validate: options.validateTargetName ?? 'validate',
    plan: options.planTargetName ?? 'plan',
    deploy: options.deployTargetName ?? 'deploy',
    destroy: options.destroyTargetName ?? 'destroy',
    drift: options.driftTargetName ?? 'drift',
    manifest: options.manifestTargetName ?? 'manifest',
  };
}

/**
 * `{workspaceRoot}/…` inputs for every file the runner and the plugin execute.
 * @param {string} workspaceRoot
 * @param {readonly string[]} runner
 * @returns {string[]}
 */
function executedFiles(workspaceRoot, runner) {
  return moduleClosure(workspaceRoot, [...runner, PLUGIN_ENTRY]).map((file) => `{workspaceRoot}/${file}`);
}

/**
 * The `{workspaceRoot}/…` inputs of each runner: the same for every app, so computed once per graph.
 * @param {string} workspaceRoot
 * @returns {Record<keyof typeof RUNNERS, string[]>}
 */
function runnerInputs(workspaceRoot) {
  return { synth: executedFiles(workspaceRoot, RUNNERS.synth), terraform: executedFiles(workspaceRoot, RUNNERS.terraform), manifest: executedFiles(workspaceRoot, RUNNERS.manifest) };
}

/**
 * Targets every environment app gets from its cdktf.json: nothing to copy between apps.
 * @param {{ root: string, project: string, workspaceRoot: string, promotedAfter?: string, options?: NxCdktfPluginOptions, executed?: Record<keyof typeof RUNNERS, string[]> }} app
 *   executed: runnerInputs(workspaceRoot), when the caller already has it
 *   promotedAfter: the project whose deploy must succeed first (dev before staging before prod),
 *   so `nx affected -t deploy` runs in order
 * @returns {Record<string, TargetConfiguration>}
 */
function environmentTargets({ root, project, workspaceRoot, promotedAfter, options, executed = runnerInputs(workspaceRoot) }) {
  const names = targetNames(options);
  const terraformFiles = executed.terraform;
  /** The production files of the app and of every workspace lib its stack is built from. */
  /** @type {Input[]} */
  const stackSources = ['production', { input: 'production', projects: runtimeProjects(workspaceRoot, root) }];
  const terraform = (/** @type {string} */ command, /** @type {TargetConfiguration} */ extra = {}) => ({
    command: `node ${RUNNERS.terraform[0]} ${command} ${root}`,
    options: { cwd: '{workspaceRoot}' },
    dependsOn: [names.synth],
    // Plan, deploy, destroy and drift read real state: their result is never the same twice.
    cache: false,
    inputs: [...terraformFiles, { dependentTasksOutputFiles: '**/*.tf.json' }, ...TERRAFORM_ENV.map((env) => ({ env }))],
    ...extra,
  });
  return {
    [names.synth]: {
      command: `node ${RUNNERS.synth[0]} ${root}`,
      options: { cwd: '{workspaceRoot}' },
      cache: true,
      // The handler and layer zips are inputs of the stack (asset hashes), so their builds run first.
      dependsOn: ['^build'],
      inputs: [
        ...stackSources,
        ...executed.synth,
        { externalDependencies: ['cdktf', 'constructs', '@cdktf/provider-aws', 'zod', 'esbuild'] },
        { env: 'ENVIRONMENT_SUFFIX' },
        { dependentTasksOutputFiles: '**/*.zip', transitive: true },
      ],
      outputs: [`{workspaceRoot}/dist/cdktf/${project}`, `{workspaceRoot}/dist/apps/${project}`],
      metadata: { description: 'Synthesize the stack to Terraform JSON (cached)' },
    },
    [names.validate]: terraform('validate', {
      cache: true,
      outputs: [],
      metadata: { description: 'terraform init -backend=false + terraform validate' },
    }),
    [names.plan]: terraform('plan', {
      configurations: { offline: { command: `node ${RUNNERS.terraform[0]} plan ${root} --offline` } },
      metadata: { description: 'Saved plan against the S3 state + Markdown summary (-c offline: local empty state, no AWS)' },
    }),
    [names.deploy]: terraform('deploy', {
      dependsOn: [names.synth, ...(promotedAfter ? [{ projects: [promotedAfter], target: names.deploy }] : [])],
      metadata: { description: 'Apply the saved plan if it matches the synth; nothing if the synth is what is deployed; else plan and apply' },
    }),
    [names.destroy]: terraform('destroy', { metadata: { description: 'terraform destroy (auto-approved only when CI=true)' } }),
    [names.drift]: terraform('drift', { metadata: { description: 'Refresh-only plan classified from its JSON: exit 0 no drift, 2 drift, 1 error' } }),
    [names.manifest]: {
      command: `node ${RUNNERS.manifest[0]} ${root}`,
      options: { cwd: '{workspaceRoot}' },
      dependsOn: [names.synth],
      cache: true,
      inputs: [
        ...stackSources,
        ...executed.manifest,
        { externalDependencies: ['esbuild'] },
        { dependentTasksOutputFiles: '**/cdk.tf.json' },
      ],
      outputs: [`{workspaceRoot}/dist/manifest/${project}`],
      metadata: { description: 'Inventory of every resource (type, name, key settings) as JSON and Markdown' },
    },
  };
}

/**
 * The environment an app deploys (`context.environment` of its cdktf.json), else its directory name.
 * @param {string} file absolute path of the cdktf.json
 */
function environmentIn(file) {
  if (!existsSync(file)) return basename(dirname(file));
  const context = JSON.parse(readFileSync(file, 'utf8')).context;
  return typeof context?.environment === 'string' ? context.environment : basename(dirname(file));
}

/**
 * Each app depends on the apps whose state it reads (remote-state-dependencies.cjs).
 * @type {import('@nx/devkit').CreateDependencies<NxCdktfPluginOptions>}
 */
const createDependencies = (_options, context) => {
  const apps = Object.entries(context.projects)
    .filter(([, project]) => existsSync(join(context.workspaceRoot, project.root, 'cdktf.json')))
    .map(([project, config]) => {
      const file = join(context.workspaceRoot, config.root, 'cdktf.json');
      const cdktfContext = JSON.parse(readFileSync(file, 'utf8')).context;
      return { project, environment: environmentIn(file), remoteStates: remoteStatesOf(cdktfContext), file: `${config.root}/cdktf.json` };
    });
  return remoteStateEdges(apps).map((edge) => ({
    ...edge,
    type: DependencyType.static,
    sourceFile: /** @type {string} */ (apps.find((app) => app.project === edge.source)?.file),
  }));
};

/** @type {import('@nx/devkit').CreateNodes<NxCdktfPluginOptions>} */
const createNodes = [
  'apps/*/cdktf.json',
  (configFiles, options, context) => {
    const apps = configFiles.map((file) => ({ file, root: dirname(file), project: basename(dirname(file)), environment: environmentIn(join(context.workspaceRoot, file)) }));
    const executed = runnerInputs(context.workspaceRoot);
    return apps.map((app) => {
      const promotedAfter = previousInPromotion(app, apps)?.project;
      const targets = environmentTargets({ root: app.root, project: app.project, workspaceRoot: context.workspaceRoot, executed, ...(promotedAfter ? { promotedAfter } : {}), ...(options ? { options } : {}) });
      return /** @type {const} */ ([app.file, { projects: { [app.root]: { root: app.root, targets } } }]);
    });
  },
];

/**
 * Runs before any task: refuses a configuration that a requested target of this plugin lacks, in
 * one line, instead of letting Nx run the target's plain (real) command.
 * @type {import('@nx/devkit').PreTasksExecution<NxCdktfPluginOptions>}
 */
async function preTasksExecution(options, context) {
  // Only the names and configurations matter here: skip reading every runner's module closure.
  const executed = { synth: [], terraform: [], manifest: [] };
  const targets = environmentTargets({ root: 'apps/x', project: 'x', workspaceRoot: context.workspaceRoot, executed, ...(options ? { options } : {}) });
  const configurationsByTarget = Object.fromEntries(Object.entries(targets).map(([name, target]) => [name, Object.keys(target.configurations ?? {})]));
  const message = unknownConfigurationMessage(requestedTasks(context.argv), configurationsByTarget);
  if (message) throw new Error(message);
}

module.exports = { name: 'nx-cdktf', createNodes, createDependencies, preTasksExecution, environmentTargets, RUNNERS, PLUGIN_ENTRY };
