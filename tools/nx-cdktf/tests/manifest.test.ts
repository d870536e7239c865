import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ensureDevSynth, WORKSPACE_ROOT } from './support/workspace.js';

describe('manifest target', () => {
  it('writes the inventory of every synthesized resource as JSON and Markdown', () => {
    const stacksDir = ensureDevSynth();
    const stackDir = join(stacksDir, 'DataPipeline-Dev-Stack');
    const result = spawnSync(process.execPath, ['tools/nx-cdktf/src/manifest.mjs', 'apps/infra-dev'], { cwd: WORKSPACE_ROOT, encoding: 'utf8' });
    expect(result.status, result.stderr).toBe(0);

    const synthesized = JSON.parse(readFileSync(join(stackDir, 'cdk.tf.json'), 'utf8')) as { resource: Record<string, Record<string, unknown>> };
    const addresses = Object.entries(synthesized.resource).flatMap(([type, byId]) => Object.keys(byId).map((id) => `${type}.${id}`)).sort();
    const outDir = join(WORKSPACE_ROOT, 'dist', 'manifest', 'infra-dev');
    const manifest = JSON.parse(readFileSync(join(outDir, 'manifest.json'), 'utf8')) as {
      environment: string;
      resourceCount: number;
      resources: Array<{ address: string; name?: string; settings: Record<string, unknown> }>;
    };
    expect(manifest.environment).toBe('infra-dev');
    expect(manifest.resources.map((r) => r.address)).toEqual(addresses);
    expect(manifest.resourceCount).toBe(addresses.length);
    expect(manifest.resources.find((r) => r.name === 'table-dev-pipeline-metadata-main')?.settings).toMatchObject({ billing_mode: 'PAY_PER_REQUEST' });
    expect(result.stdout).toContain(`infra-dev: ${addresses.length} resources`);
    expect(readFileSync(join(outDir, 'manifest.md'), 'utf8')).toContain(`## infra-dev: ${addresses.length} resources`);
  });

  it('says in one line what to run when there is no synth output', () => {
    const result = spawnSync(process.execPath, ['tools/nx-cdktf/src/manifest.mjs', 'apps/no-such-app'], { cwd: WORKSPACE_ROOT, encoding: 'utf8' });
    expect(result.status).toBe(1);
    expect(result.stderr.trim()).toMatch(/^error: No synthesized stack under .*no-such-app: run the app's synth target first$/);
  });
});
