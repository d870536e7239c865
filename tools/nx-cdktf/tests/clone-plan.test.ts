import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeWithTerraform } from '@data-platform/testing';
import { providerMirrorEnv } from '../src/provider-mirror.mjs';
import { writeOfflineOverride } from '../src/work-dir.mjs';
import { WORKSPACE_ROOT, noAwsEnv } from './support/workspace.js';

const PROD_STATE = { bucket: 'myapp-tfstate-333333333333', region: 'us-east-1', key: 'myapp/prod/main/DataPipeline-Prod-Stack.tfstate' };

// The acceptance: flip database.cloneFrom in staging's cdktf.json and the offline plan
// creates the cluster as a copy-on-write clone of prod's. The real staging bundle runs on a copy
// of its config (under dist/, so it finds the workspace), then real Terraform plans it offline.
describeWithTerraform("staging's offline plan with database.cloneFrom = prod", () => {
  const root = join(WORKSPACE_ROOT, 'dist', 'test-work', `clone-plan-${process.pid}`);
  const appDir = join(root, 'infra-staging');
  const workDir = join(root, 'work');
  let plan: { resource_changes: { address: string; type: string; change: { after: Record<string, unknown> } }[] };
  let synth: { data: { terraform_remote_state: Record<string, { '//': { offlineOutputs: Record<string, string> } }> } };

  beforeAll(() => {
    const cdktf = JSON.parse(readFileSync(join(WORKSPACE_ROOT, 'apps', 'infra-staging', 'cdktf.json'), 'utf8'));
    cdktf.context.database.cloneFrom = 'prod';
    cdktf.context.remoteStates.prod = PROD_STATE;
    mkdirSync(appDir, { recursive: true });
    writeFileSync(join(appDir, 'cdktf.json'), JSON.stringify(cdktf));
    const env = noAwsEnv({ CDKTF_OUTDIR: join(root, 'out') });
    const synthRun = spawnSync(process.execPath, [join(WORKSPACE_ROOT, 'dist', 'apps', 'infra-staging', 'main.mjs')], { cwd: appDir, env, encoding: 'utf8' });
    expect(synthRun.status, synthRun.stderr).toBe(0);
    cpSync(join(root, 'out', 'stacks', 'DataPipeline-Staging-Stack'), workDir, { recursive: true });
    synth = JSON.parse(readFileSync(join(workDir, 'cdk.tf.json'), 'utf8'));
    writeOfflineOverride(workDir);
    const tfEnv = { ...env, ...providerMirrorEnv(workDir, env) };
    const terraform = (args: string[]) => {
      const result = spawnSync(process.env['TERRAFORM_BINARY'] || 'terraform', args, { cwd: workDir, env: tfEnv, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
      expect(result.status, result.stderr).toBe(0);
      return result.stdout;
    };
    terraform(['init', '-input=false', '-no-color']);
    terraform(['plan', '-input=false', '-no-color', '-lock=false', '-out=tfplan']);
    plan = JSON.parse(terraform(['show', '-json', 'tfplan']));
  }, 300_000);
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it("restores the cluster as a copy-on-write clone of the cluster in prod's state", () => {
    const prodState = Object.entries(synth.data.terraform_remote_state).find(([name]) => name.startsWith('prod-state'))![1];
    const cluster = plan.resource_changes.find((c) => c.type === 'aws_rds_cluster')!;
    expect(cluster.change.after['restore_to_point_in_time']).toEqual([
      expect.objectContaining({ restore_type: 'copy-on-write', source_cluster_identifier: prodState['//'].offlineOutputs['database-cluster-arn'], use_latest_restorable_time: true }),
    ]);
  });
});
