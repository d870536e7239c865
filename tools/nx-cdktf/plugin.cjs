// @ts-check
// Plain CommonJS so Nx loads it without a TypeScript transpiler.
const { dirname, basename } = require('node:path');

const RUNNER = 'node tools/nx-cdktf/src/terraform.mjs';

/** Files of this plugin that shape the synth output, so a change to them re-synthesizes. */
const SYNTH_TOOL_INPUTS = ['{workspaceRoot}/tools/nx-cdktf/src/synth.mjs', '{workspaceRoot}/tools/nx-cdktf/src/workspace.mjs'];

/**
 * Targets every environment app gets from its cdktf.json: nothing to copy between apps.
 * @param {string} projectRoot
 * @param {string} projectName
 */
function environmentTargets(projectRoot, projectName) {
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
    deploy: terraform('deploy', { metadata: { description: 'Apply the saved plan if it matches the synth, else plan and apply' } }),
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

/** @type {import('nx/src/project-graph/plugins').CreateNodesV2} */
const createNodesV2 = [
  'apps/*/cdktf.json',
  (configFiles) =>
    configFiles.map((file) => {
      const root = dirname(file);
      const name = basename(root);
      return /** @type {const} */ ([file, { projects: { [root]: { root, targets: environmentTargets(root, name) } } }]);
    }),
];

module.exports = { name: 'nx-cdktf', createNodesV2, environmentTargets };
