import { externalNpmPackages } from '@data-platform/workspace';
import { build } from 'esbuild';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { WORKSPACE_ROOT } from './support/workspace.js';

const require = createRequire(import.meta.url);
const plugin = require('../plugin.cjs') as typeof import('../plugin.cjs');

/**
 * The workspace files esbuild bundles from an entry: an implementation independent of the
 * plugin's module-closure.cjs, so a file the plugin's scan misses (a new import form, a new
 * runner module) fails here instead of leaving a stale cache.
 */
async function bundledFiles(entries: readonly string[]): Promise<string[]> {
  const result = await build({
    entryPoints: [...entries],
    absWorkingDir: WORKSPACE_ROOT,
    bundle: true,
    write: false,
    outdir: 'bundled',
    metafile: true,
    platform: 'node',
    format: 'esm',
    plugins: [externalNpmPackages],
    logLevel: 'silent',
  });
  return Object.keys(result.metafile.inputs).filter((file) => !file.startsWith('node_modules/') && !file.startsWith('<'));
}

const targets = plugin.environmentTargets({ root: 'apps/infra-dev', project: 'infra-dev', workspaceRoot: WORKSPACE_ROOT });
const inputsOf = (target: string) => targets[target]!.inputs ?? [];

describe('nx-cdktf target inputs', () => {
  it.each([
    ['synth', plugin.RUNNERS.synth],
    ['validate', plugin.RUNNERS.terraform],
    ['plan', plugin.RUNNERS.terraform],
    ['deploy', plugin.RUNNERS.terraform],
    ['drift', plugin.RUNNERS.terraform],
    ['manifest', plugin.RUNNERS.manifest],
  ])('%s lists every file its runner (%s) and the plugin execute', async (target, runner) => {
    const executed = [...(await bundledFiles(runner)), ...(await bundledFiles([plugin.PLUGIN_ENTRY]))];
    expect(executed).toEqual(expect.arrayContaining([...runner, 'libs/workspace/src/index.cjs']));
    for (const file of executed) expect(inputsOf(target)).toContain(`{workspaceRoot}/${file}`);
  });

  it('keeps caching correct when the provider mirror or the Terraform binary changes', () => {
    expect(targets['validate']!.cache).toBe(true);
    expect(inputsOf('validate')).toEqual(expect.arrayContaining([{ env: 'TF_PROVIDER_MIRROR' }, { env: 'TERRAFORM_BINARY' }]));
  });

  it('re-synthesizes from the production files of the libs the stack runs, not its test helpers', () => {
    expect(inputsOf('synth')).toContainEqual({ input: 'production', projects: ['config', 'constructs', 'lambda-handlers', 'lambda-layer', 'workspace'] });
    expect(inputsOf('synth')).not.toContain('^production');
  });
});
