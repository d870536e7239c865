import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { WORKSPACE_ROOT, ensureDevSynth } from './support/workspace.js';

describe("the cdktf CLI's app command (cd apps/infra-dev && cdktf synth)", () => {
  const outdir = mkdtempSync(join(tmpdir(), 'nx-cdktf-cli-'));
  afterAll(() => rmSync(outdir, { recursive: true, force: true }));

  it('is the same for every app, and never a prebuilt bundle', () => {
    // Every Terraform app; apps/console is the console's container, not a stack.
    const stackApps = readdirSync(join(WORKSPACE_ROOT, 'apps')).filter((app) => existsSync(join(WORKSPACE_ROOT, 'apps', app, 'cdktf.json')));
    expect(stackApps.sort()).toEqual(['infra-bootstrap-dev', 'infra-bootstrap-prod', 'infra-bootstrap-staging', 'infra-dev', 'infra-prod', 'infra-shared', 'infra-staging']);
    for (const app of stackApps) {
      const cdktfJson = JSON.parse(readFileSync(join(WORKSPACE_ROOT, 'apps', app, 'cdktf.json'), 'utf8')) as { app: string };
      expect(cdktfJson.app, app).toBe('node ../../tools/nx-cdktf/src/cdktf-app.mjs');
    }
  });

  it('synthesizes from the current sources into the directory the CLI names, even over a stale bundle', () => {
    const synthDir = ensureDevSynth();
    const bundle = join(WORKSPACE_ROOT, 'dist', 'apps', 'infra-dev', 'main.mjs');
    writeFileSync(bundle, "throw new Error('stale bundle ran');\n");
    // What the cdktf CLI does: run the app command in the app directory with CDKTF_OUTDIR set.
    const result = spawnSync(process.execPath, ['../../tools/nx-cdktf/src/cdktf-app.mjs'], {
      cwd: join(WORKSPACE_ROOT, 'apps', 'infra-dev'),
      env: { ...process.env, CDKTF_OUTDIR: outdir },
      encoding: 'utf8',
    });
    expect(result.status, result.stderr).toBe(0);
    expect(readFileSync(bundle, 'utf8')).not.toContain('stale bundle ran');
    const written = readFileSync(join(outdir, 'stacks', 'DataPipeline-Dev-Stack', 'cdk.tf.json'), 'utf8');
    expect(written).toBe(readFileSync(join(synthDir, 'DataPipeline-Dev-Stack', 'cdk.tf.json'), 'utf8'));
  }, 120_000);
});
