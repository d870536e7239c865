import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { planMarker, summarizePlan } from '../src/plan-summary.mjs';
import { matchSavedPlan, readPlanRecord } from '../src/saved-plan.mjs';
import { listFiles } from '../src/list-files.mjs';
import { hashSynth } from '../src/synth-hash.mjs';
import { describeWithTerraform } from '@data-platform/testing';
import { ensureDevSynth, noAwsEnv, privateWorkRoot, runTarget } from './support/workspace.js';

// The real runner, real Terraform and the real dev synth: `plan -c offline` end to end.
describeWithTerraform('offline plan of infra-dev with real Terraform', () => {
  let workRoot = '';
  let workDir = '';
  let stepSummary = '';
  let result: ReturnType<typeof runTarget>;

  beforeAll(() => {
    ensureDevSynth();
    workRoot = privateWorkRoot();
    workDir = join(workRoot, 'infra-dev', 'offline');
    stepSummary = join(workRoot, 'step-summary.md');
    writeFileSync(stepSummary, '');
    result = runTarget(['plan', 'apps/infra-dev', '--offline'], noAwsEnv({ NX_CDKTF_WORK_ROOT: workRoot, GITHUB_STEP_SUMMARY: stepSummary }));
  }, 120_000);
  afterAll(() => rmSync(workRoot, { recursive: true, force: true }));

  it('plans every resource of dev from empty state, without credentials', () => {
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/^infra-dev: Terraform \d+\.\d+\.\d+ initialized in .*, local empty state$/m);
    expect(result.stdout).toMatch(/infra-dev: \d+ to add, 0 to change, 0 to destroy; plan sha256 [0-9a-f]{64} \(summary: .*plan-summary\.md\)/);
  });

  it("reads the shared stack's outputs from a local fixture state: the stand-ins declared beside the remote state, no S3 call", () => {
    const synth = JSON.parse(readFileSync(join(workDir, 'cdk.tf.json'), 'utf8'));
    const [declared] = Object.values(synth.data.terraform_remote_state) as { backend: string; '//': { offlineOutputs: Record<string, string> } }[];
    expect(declared?.backend).toBe('s3');
    const standIn = declared!['//'].offlineOutputs['console_repository_url'];
    expect(standIn).toMatch(/^\d{12}\.dkr\.ecr\./);
    const planJson = JSON.parse(readFileSync(join(workDir, 'tfplan.json'), 'utf8'));
    const parameter = planJson.resource_changes.find((c: { address: string }) => c.address === 'aws_ssm_parameter.output-console-repository-url');
    expect(parameter.change.after.value).toBe(standIn);
    const override = JSON.parse(readFileSync(join(workDir, 'offline_override.tf.json'), 'utf8'));
    const [remoteState] = Object.values(override.data.terraform_remote_state) as { backend: string; config: { path: string } }[];
    expect(remoteState?.backend).toBe('local');
    const fixture = JSON.parse(readFileSync(join(workDir, remoteState!.config.path), 'utf8'));
    expect(fixture.outputs.console_repository_url).toEqual({ value: standIn, type: 'string' });
  });

  it('plans the deployment record with the commit, the synth and the shared state version it deploys, and keeps the plan as text for reviewers', () => {
    const planJson = JSON.parse(readFileSync(join(workDir, 'tfplan.json'), 'utf8'));
    const record = JSON.parse(planJson.variables.deployment_record.value);
    // Offline, the shared state read is the fixture: its serial and lineage, under the real location.
    const shared = { bucket: 'myapp-tfstate-333333333333', key: 'myapp/shared/main/DataPipeline-Shared-Stack.tfstate', serial: 1, lineage: 'offline-plan-fixture' };
    expect(record).toEqual({ gitSha: expect.stringMatching(/^[0-9a-f]{40}(-dirty)?$/), synthHash: readPlanRecord(workDir)!.synthHash, remoteStates: [shared] });
    expect(JSON.parse(readFileSync(join(workDir, 'plan-summary.json'), 'utf8')).remoteStates).toEqual([shared]);
    const parameter = planJson.resource_changes.find((c: { address: string }) => c.address.startsWith('aws_ssm_parameter.deployment'));
    expect(parameter.change.after.insecure_value).toBe(planJson.variables.deployment_record.value);
    expect(readFileSync(join(workDir, 'plan.txt'), 'utf8')).toContain('Terraform will perform the following actions');
  });

  it('writes the summary from the saved plan\'s JSON, as Markdown for CI and into the job summary', () => {
    const planJson = JSON.parse(readFileSync(join(workDir, 'tfplan.json'), 'utf8'));
    expect(planJson).toMatchObject({ errored: false, complete: true });
    const fromPlan = summarizePlan(planJson);
    const written = JSON.parse(readFileSync(join(workDir, 'plan-summary.json'), 'utf8'));
    expect(written).toMatchObject({ project: 'infra-dev', environment: 'dev', mode: 'offline', stack: 'DataPipeline-Dev-Stack', ...fromPlan });
    expect(fromPlan.add).toBeGreaterThan(50);
    // From empty state the plan creates every function the stack declares.
    const synthesized = JSON.parse(readFileSync(join(workDir, 'cdk.tf.json'), 'utf8')) as { resource: Record<string, Record<string, unknown>> };
    expect(fromPlan.byType['aws_lambda_function']?.add).toBe(Object.keys(synthesized.resource['aws_lambda_function'] ?? {}).length);
    const markdown = readFileSync(join(workDir, 'plan-summary.md'), 'utf8');
    expect(markdown.startsWith(planMarker('infra-dev'))).toBe(true);
    expect(markdown).toContain(`### infra-dev (dev): ${fromPlan.add} to add, 0 to change, 0 to destroy`);
    expect(readFileSync(stepSummary, 'utf8')).toContain(markdown);
  });

  it('records the hash of the synth next to the plan, and detects when the synth changes', () => {
    const record = readPlanRecord(workDir);
    expect(record).toMatchObject({ project: 'infra-dev', mode: 'offline', binary: 'terraform', terraformVersion: expect.stringMatching(/^\d+\.\d+\.\d+/), stateKey: null });

    // Deploy compares the record with the synth as it is then. Stand-in for the next synth: the
    // configuration Terraform planned (dist/cdktf may be re-synthesized by a parallel task), first
    // unchanged, then with a changed memory size, then with a changed handler zip.
    const next = mkdtempSync(join(tmpdir(), 'nx-cdktf-next-synth-'));
    try {
      cpSync(join(workDir, 'cdk.tf.json'), join(next, 'cdk.tf.json'));
      cpSync(join(workDir, 'assets'), join(next, 'assets'), { recursive: true });
      expect(listFiles(next).length).toBeGreaterThan(1);
      const asRemote = { ...record!, mode: 'remote' as const };
      const current = { synthHash: hashSynth(next), binary: 'terraform', terraformVersion: record!.terraformVersion, stateKey: null, planFileExists: true };
      expect(matchSavedPlan(asRemote, current).matches).toBe(true);

      const tfJson = readFileSync(join(next, 'cdk.tf.json'), 'utf8');
      writeFileSync(join(next, 'cdk.tf.json'), tfJson.replace('"memory_size": 512', '"memory_size": 640'));
      expect(tfJson).toContain('"memory_size": 512');
      const changedJson = matchSavedPlan(asRemote, { ...current, synthHash: hashSynth(next) });
      expect(changedJson.matches).toBe(false);
      expect(changedJson.reason).toMatch(/^the synth changed since the plan was made \([0-9a-f]{12} -> [0-9a-f]{12}\)$/);

      writeFileSync(join(next, 'cdk.tf.json'), tfJson);
      const asset = listFiles(next).find((file) => file.startsWith('assets/'));
      writeFileSync(join(next, asset!), 'a different bundle');
      expect(matchSavedPlan(asRemote, { ...current, synthHash: hashSynth(next) }).matches).toBe(false);
    } finally {
      rmSync(next, { recursive: true, force: true });
    }
  });
});
