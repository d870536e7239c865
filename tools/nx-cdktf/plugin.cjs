// @ts-check
// Plain CommonJS so Nx loads it without a TypeScript transpiler.
const { existsSync, readFileSync } = require('node:fs');
const { dirname, basename, join } = require('node:path');
const { previousInPromotion } = require('./src/promotion-order.cjs');
const { requestedTasks, unknownConfigurationMessage } = require('./src/requested-tasks.cjs');

const RUNNER = 'node tools/nx-cdktf/src/terraform.mjs';

/** Files of this plugin that shape the synth output, so a change to them re-synthesizes. */
const SYNTH_TOOL_INPUTS = [
  '{workspaceRoot}/tools/nx-cdktf/src/synth.mjs',
  '{workspaceRoot}/tools/nx-cdktf/src/bundle-app.mjs',
  '{workspaceRoot}/tools/nx-cdktf/src/workspace-bundle.mjs',
  '{workspaceRoot}/tools/nx-cdktf/src/workspace.mjs',
];

/**
 * Targets every environment app gets from its cdktf.json: nothing to copy between apps.
 * @param {string} projectRoot
 * @param {string} projectName
 * @param {{ promotedAfter?: string }} [options] promotedAfter: the project whose deploy must
 *   succeed first (dev before staging before prod), so `nx affected -t deploy` runs in order
 */
function environmentTargets(projectRoot, projectName, options = {}) {
  const terraform = (/** @type {string} */ command, /** @type {object} */ extra = {}) => ({
    command: `${RUNNER} ${command} ${projectRoot}`,
    options: { cwd: '{workspaceRoot}' },
    dependsOn: ['synth'],
    // Plan, deploy, destroy and drift read real state: their result is never the same twice.
    cache: false,
    ...extra,
  });
  return {
    synth: {
      command: `node tools/nx-cdktf/src/synth.mjs ${projectRoot}`,
      options: { cwd: '{workspaceRoot}' },
      cache: true,
      // The handler and layer zips are inputs of the stack (asset hashes), so their builds run first.
      dependsOn: ['^build'],
      inputs: [
        'production',
        '^production',
        ...SYNTH_TOOL_INPUTS,
        { externalDependencies: ['cdktf', 'constructs', '@cdktf/provider-aws', 'zod', 'esbuild'] },
        { env: 'ENVIRONMENT_SUFFIX' },
        { dependentTasksOutputFiles: '**/*.zip', transitive: true },
      ],
      outputs: [`{workspaceRoot}/dist/cdktf/${projectName}`, `{workspaceRoot}/dist/apps/${projectName}`],
      metadata: { description: 'Synthesize the stack to Terraform JSON (cached)' },
    },
    validate: terraform('validate', {
      cache: true,
      inputs: ['production', '^production', { dependentTasksOutputFiles: '**/cdk.tf.json' }, { env: 'TERRAFORM_BINARY' }],
      outputs: [],
      metadata: { description: 'terraform init -backend=false + terraform validate' },
    }),
    plan: terraform('plan', {
      configurations: { offline: { command: `${RUNNER} plan ${projectRoot} --offline` } },
      metadata: { description: 'Saved plan against the S3 state + Markdown summary (-c offline: local empty state, no AWS)' },
    }),
    deploy: terraform('deploy', {
      dependsOn: ['synth', ...(options.promotedAfter ? [{ projects: [options.promotedAfter], target: 'deploy' }] : [])],
      metadata: { description: 'Apply the saved plan if it matches the synth; nothing if the synth is what is deployed; else plan and apply' },
    }),
    destroy: terraform('destroy', { metadata: { description: 'terraform destroy (auto-approved only when CI=true)' } }),
    drift: terraform('drift', { metadata: { description: 'Refresh-only plan classified from its JSON: exit 0 no drift, 2 drift, 1 error' } }),
    manifest: {
      command: `node tools/nx-cdktf/src/manifest.mjs ${projectRoot}`,
      options: { cwd: '{workspaceRoot}' },
      dependsOn: ['synth'],
      cache: true,
      inputs: ['production', '^production', '{workspaceRoot}/tools/nx-cdktf/src/manifest.mjs', { dependentTasksOutputFiles: '**/cdk.tf.json' }],
      outputs: [`{workspaceRoot}/dist/manifest/${projectName}`],
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

/** @type {import('nx/src/project-graph/plugins').CreateNodesV2} */
const createNodesV2 = [
  'apps/*/cdktf.json',
  (configFiles, _options, context) => {
    const apps = configFiles.map((file) => ({ file, root: dirname(file), project: basename(dirname(file)), environment: environmentIn(join(context.workspaceRoot, file)) }));
    return apps.map((app) => {
      const promotedAfter = previousInPromotion(app, apps)?.project;
      return /** @type {const} */ ([app.file, { projects: { [app.root]: { root: app.root, targets: environmentTargets(app.root, app.project, { promotedAfter }) } } }]);
    });
  },
];

/**
 * Runs before any task: refuses a configuration that a requested target of this plugin lacks, in
 * one line, instead of letting Nx run the target's plain (real) command.
 * @type {import('nx/src/project-graph/plugins').PreTasksExecution}
 */
async function preTasksExecution(_options, context) {
  const targets = environmentTargets('apps/x', 'x');
  const configurationsByTarget = Object.fromEntries(
    Object.entries(targets).map(([name, target]) => [name, Object.keys(/** @type {{ configurations?: object }} */ (target).configurations ?? {})]),
  );
  const message = unknownConfigurationMessage(requestedTasks(context.argv), configurationsByTarget);
  if (message) throw new Error(message);
}

module.exports = { name: 'nx-cdktf', createNodesV2, preTasksExecution, environmentTargets };
