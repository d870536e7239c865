import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeWithTerraform } from '@data-platform/testing';
import { hashSynth } from '../src/synth-hash.mjs';
import { FakeAws } from './support/fake-aws.js';
import { ensureDevSynth, noAwsEnv, privateWorkRoot, runTargetAsync } from './support/workspace.js';

const STATE_BUCKET = 'myapp-tfstate-111111111111';
const STATE_KEY = 'myapp/dev/main/DataPipeline-Dev-Stack.tfstate';
// The shared stack's state, which dev reads through terraform_remote_state (apps/infra-dev/cdktf.json remoteStates.shared).
const SHARED_STATE_BUCKET = 'myapp-tfstate-333333333333';
const SHARED_STATE_KEY = 'myapp/shared/main/DataPipeline-Shared-Stack.tfstate';
const CONSOLE_REPOSITORY_URL = '333333333333.dkr.ecr.us-east-1.amazonaws.com/ecr-shared-console-main';

// The real runner, real Terraform and the real dev synth against a real S3 API holding the state
// (s3rver) and an STS endpoint that says which account the credentials belong to. Nothing here
// can reach AWS: a plan needs no AWS call for resources that are not in the state yet.
describeWithTerraform('plan and deploy of infra-dev against an S3 state backend', () => {
  const aws = new FakeAws(STATE_BUCKET, [SHARED_STATE_BUCKET]);
  const workRoot = privateWorkRoot();
  const workDir = join(workRoot, 'infra-dev', 'remote');
  const env = (extra: Record<string, string> = {}) => noAwsEnv({ ...aws.env(), NX_CDKTF_WORK_ROOT: workRoot, CI: 'true', ...extra });
  let synthDir = '';

  beforeAll(async () => {
    synthDir = join(ensureDevSynth(), 'DataPipeline-Dev-Stack');
    await aws.start();
    const outputs = { console_repository_url: { value: CONSOLE_REPOSITORY_URL, type: 'string' }, console_repository_arn: { value: 'arn:aws:ecr:us-east-1:333333333333:repository/ecr-shared-console-main', type: 'string' } };
    await aws.put(SHARED_STATE_KEY, JSON.stringify({ version: 4, terraform_version: '1.11.4', serial: 3, lineage: 'shared-lineage', outputs, resources: [], check_results: null }), SHARED_STATE_BUCKET);
  }, 120_000);
  afterAll(async () => {
    await aws.stop();
    rmSync(workRoot, { recursive: true, force: true });
  });

  it("refuses credentials of another account: the provider's allowed_account_ids", async () => {
    aws.account = '999999999999';
    const result = await runTargetAsync(['plan', 'apps/infra-dev'], env());
    aws.account = '111111111111';
    expect(result.status).toBe(1);
    expect(result.stderr + result.stdout).toMatch(/AWS account ID not allowed: 999999999999/);
    expect(existsSync(join(workDir, 'tfplan'))).toBe(false);
  }, 180_000);

  it('plans against the state in S3 and records the account, the commit and the plan hash', async () => {
    const result = await runTargetAsync(['plan', 'apps/infra-dev'], env());
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toContain(`state s3://${STATE_BUCKET}/${STATE_KEY} (us-east-1)`);
    const record = JSON.parse(readFileSync(join(workDir, 'tfplan.meta.json'), 'utf8'));
    expect(record).toMatchObject({ mode: 'remote', accountId: '111111111111', stateKey: STATE_KEY, synthHash: hashSynth(synthDir), planSha256: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect(readFileSync(join(workDir, 'plan-summary.md'), 'utf8')).toContain(`Plan file sha256: \`${record.planSha256}\``);
    // The value came from the shared stack's state in S3, not from the offline stand-in.
    expect(readFileSync(join(workDir, 'plan.txt'), 'utf8')).toContain(CONSOLE_REPOSITORY_URL);
    // The deployment record says which version of that state the plan read.
    const planned = JSON.parse(JSON.parse(readFileSync(join(workDir, 'tfplan.json'), 'utf8')).variables.deployment_record.value);
    expect(planned.remoteStates).toEqual([{ bucket: SHARED_STATE_BUCKET, key: SHARED_STATE_KEY, serial: 3, lineage: 'shared-lineage' }]);
  }, 180_000);

  it('refuses a reviewed plan hash that is not the saved plan, and a saved plan under another account', async () => {
    const wrongHash = await runTargetAsync(['deploy', 'apps/infra-dev', `--plan-sha256=${'0'.repeat(64)}`], env());
    expect(wrongHash.status).toBe(1);
    expect(wrongHash.stderr.trim()).toMatch(/^error: refusing to deploy dev: the saved plan is [0-9a-f]{12}, not the reviewed plan 000000000000$/);

    aws.account = '222222222222';
    const otherAccount = await runTargetAsync(['deploy', 'apps/infra-dev'], env());
    aws.account = '111111111111';
    expect(otherAccount.status).toBe(1);
    expect(otherAccount.stderr.trim().split('\n').at(-1)).toBe(
      'error: refusing to deploy dev: the saved plan was made against account 111111111111, these credentials are for account 222222222222',
    );
  }, 180_000);

  it('does nothing for an environment whose deployment record holds the current synth', async () => {
    const deployed = JSON.stringify({ gitSha: '0123456789abcdef0123456789abcdef01234567', synthHash: hashSynth(synthDir) });
    const state = { version: 4, terraform_version: '1.11.4', serial: 7, lineage: 'a1b2c3d4-0000-0000-0000-000000000000', outputs: { 'deployment-record': { value: deployed, type: 'string' } }, resources: [], check_results: null };
    await aws.put(STATE_KEY, JSON.stringify(state));
    rmSync(join(workDir, 'tfplan'), { force: true });
    const result = await runTargetAsync(['deploy', 'apps/infra-dev'], env());
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/^infra-dev: nothing to deploy: synth [0-9a-f]{12} is already deployed \(git 0123456789ab\); --force applies anyway$/m);
    expect(result.stdout).not.toContain('deployed to dev');
  }, 180_000);

  it('refuses a work dir whose backend changed instead of starting from an empty state', async () => {
    // As terraform init leaves it after a run against the old key (before a rename).
    const backendFile = join(workDir, '.terraform', 'terraform.tfstate');
    const initialized = JSON.parse(readFileSync(backendFile, 'utf8'));
    initialized.backend.config.key = 'myapp/dev/DataPipeline-Dev-Stack.tfstate';
    writeFileSync(backendFile, JSON.stringify(initialized));
    const result = await runTargetAsync(['plan', 'apps/infra-dev'], env());
    expect(result.status).toBe(1);
    expect(result.stderr.trim()).toMatch(
      new RegExp(`^error: the state backend of dev changed \\(key myapp/dev/DataPipeline-Dev-Stack.tfstate -> ${STATE_KEY}\\): to move the existing state there run 'terraform -chdir=.* init -migrate-state'`),
    );
  }, 60_000);
});
