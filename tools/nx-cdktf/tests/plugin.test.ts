import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { isConfiguration } from '../src/work-dir.mjs';
import { WORKSPACE_ROOT } from './support/workspace.js';

const require = createRequire(import.meta.url);
const plugin = require('../plugin.cjs') as typeof import('../plugin.cjs');

const INFRA_DEV = { root: 'apps/infra-dev', project: 'infra-dev', workspaceRoot: WORKSPACE_ROOT };

describe('nx-cdktf plugin', () => {
  const [glob, createNodes] = plugin.createNodes;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const infer = () => (createNodes as any)(['apps/infra-dev/cdktf.json'], undefined, { workspaceRoot: WORKSPACE_ROOT }) as [string, { projects: Record<string, any> }][];

  it('infers one environment project per apps/*/cdktf.json, named after its directory', () => {
    expect(glob).toBe('apps/*/cdktf.json');
    const [[file, result]] = infer() as [[string, { projects: Record<string, { root: string; targets: Record<string, unknown> }> }]];
    expect(file).toBe('apps/infra-dev/cdktf.json');
    expect(Object.keys(result.projects)).toEqual(['apps/infra-dev']);
    expect(Object.keys(result.projects['apps/infra-dev']!.targets)).toEqual(['synth', 'validate', 'plan', 'deploy', 'destroy', 'drift', 'manifest']);
  });

  it('deploys in promotion order: each environment after the one before it', () => {
    const apps = ['apps/infra-prod/cdktf.json', 'apps/infra-dev/cdktf.json', 'apps/infra-staging/cdktf.json'];
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const results = (createNodes as any)(apps, undefined, { workspaceRoot: WORKSPACE_ROOT }) as [string, { projects: Record<string, { targets: Record<string, { dependsOn: unknown[] }> }> }][];
    const deployDeps = Object.fromEntries(results.map(([file, r]) => [file, Object.values(r.projects)[0]!.targets['deploy']!.dependsOn]));
    expect(deployDeps).toEqual({
      'apps/infra-dev/cdktf.json': ['synth'],
      'apps/infra-staging/cdktf.json': ['synth', { projects: ['infra-dev'], target: 'deploy' }],
      'apps/infra-prod/cdktf.json': ['synth', { projects: ['infra-staging'], target: 'deploy' }],
    });
  });

  it('runs every Terraform target through the runner after synth, uncached', () => {
    const targets = plugin.environmentTargets(INFRA_DEV) as Record<string, { command: string; dependsOn: string[]; cache: boolean; configurations?: Record<string, { command: string }> }>;
    for (const name of ['plan', 'deploy', 'destroy', 'drift']) {
      expect(targets[name]).toMatchObject({ command: `node tools/nx-cdktf/src/terraform.mjs ${name} apps/infra-dev`, dependsOn: ['synth'], cache: false });
    }
    expect(targets['plan']!.configurations).toEqual({ offline: { command: 'node tools/nx-cdktf/src/terraform.mjs plan apps/infra-dev --offline' } });
    expect(targets['validate']).toMatchObject({ cache: true, dependsOn: ['synth'] });
  });

  it('names its targets as the plugin options say, and points dependsOn at the renamed targets', () => {
    const targets = plugin.environmentTargets({ ...INFRA_DEV, promotedAfter: 'infra-qa', options: { synthTargetName: 'cdktf-synth', deployTargetName: 'apply' } });
    expect(Object.keys(targets)).toEqual(['cdktf-synth', 'validate', 'plan', 'apply', 'destroy', 'drift', 'manifest']);
    expect(targets['apply']!.dependsOn).toEqual(['cdktf-synth', { projects: ['infra-qa'], target: 'apply' }]);
    expect(targets['plan']!.dependsOn).toEqual(['cdktf-synth']);
  });

  it('re-synthesizes when the synth script changes, and after the handler and layer builds', () => {
    const synth = plugin.environmentTargets(INFRA_DEV)['synth']!;
    expect(synth.dependsOn).toEqual(['^build']);
    expect(synth.inputs).toEqual(expect.arrayContaining(['production', '{workspaceRoot}/tools/nx-cdktf/src/synth.mjs', '{workspaceRoot}/tools/nx-cdktf/plugin.cjs', { env: 'ENVIRONMENT_SUFFIX' }]));
    // Per-commit values never reach the synth: the deployment record gets the SHA at plan time.
    expect(synth.inputs).not.toContainEqual({ env: 'GIT_SHA' });
    expect(synth.inputs).toContainEqual({ dependentTasksOutputFiles: '**/*.zip', transitive: true });
    expect(synth.outputs).toEqual(['{workspaceRoot}/dist/cdktf/infra-dev', '{workspaceRoot}/dist/apps/infra-dev']);
  });
});

describe('work dir', () => {
  it('replaces the synthesized configuration and keeps providers, plans and summaries', () => {
    expect(['assets', 'cdk.tf.json', 'offline_override.tf.json', 'main.tf'].every(isConfiguration)).toBe(true);
    expect(['.terraform', '.terraform.lock.hcl', 'tfplan', 'tfplan.meta.json', 'plan-summary.md', 'drift.tfplan', 'terraform-cli.tfrc'].some(isConfiguration)).toBe(false);
  });
});
