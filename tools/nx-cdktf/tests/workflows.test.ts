import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { PROMOTION_ORDER } from '../src/promotion-order.cjs';
import { WORKSPACE_ROOT } from './support/workspace.js';

interface Step {
  uses?: string;
  run?: string;
  with?: Record<string, unknown>;
  if?: string;
  id?: string;
}
interface Job {
  needs?: string | string[];
  if?: string;
  uses?: string;
  with?: Record<string, unknown>;
  environment?: string;
  env?: Record<string, string>;
  permissions?: Record<string, string>;
  steps?: Step[];
  strategy?: { matrix?: unknown; 'fail-fast'?: boolean };
}
interface Workflow {
  on: Record<string, unknown>;
  env?: Record<string, string>;
  permissions?: Record<string, string>;
  concurrency?: unknown;
  jobs: Record<string, Job>;
}

const dir = join(WORKSPACE_ROOT, '.github', 'workflows');
const files = readdirSync(dir).filter((f) => f.endsWith('.yml'));
const load = (name: string) => parse(readFileSync(join(dir, name), 'utf8')) as Workflow;
const workflows = Object.fromEntries(files.map((f) => [f, load(f)]));
const steps = (w: Workflow) => Object.values(w.jobs).flatMap((j) => j.steps ?? []);
const runs = (w: Workflow) => steps(w).map((s) => s.run ?? '');
const needs = (job: Job) => [job.needs ?? []].flat();

describe('GitHub workflows', () => {
  it('are the pull request, main, deploy-environment and drift workflows', () => {
    expect(files.sort()).toEqual(['deploy-environment.yml', 'drift.yml', 'main.yml', 'pull-request.yml']);
  });

  it('pin every action to a version (a major tag or a commit)', () => {
    for (const [file, workflow] of Object.entries(workflows)) {
      for (const step of steps(workflow).filter((s) => s.uses)) {
        expect(step.uses, `${file}: ${step.uses}`).toMatch(/^[\w.-]+\/[\w./-]+@(v\d+(\.\d+){0,2}|[0-9a-f]{40})$/);
      }
    }
  });

  it('install Node 20 with the npm cache, run npm ci, and Terraform 1.11 without the output wrapper', () => {
    for (const [file, workflow] of Object.entries(workflows)) {
      for (const [name, job] of Object.entries(workflow.jobs).filter(([, j]) => j.steps?.some((s) => s.run?.includes('npx nx')))) {
        const node = job.steps!.find((s) => s.uses?.startsWith('actions/setup-node@'));
        expect(node?.with, `${file}/${name}`).toMatchObject({ 'node-version': 20, cache: 'npm' });
        expect(job.steps!.some((s) => s.run === 'npm ci'), `${file}/${name}`).toBe(true);
      }
      for (const step of steps(workflow).filter((s) => s.uses?.startsWith('hashicorp/setup-terraform@'))) {
        expect(String(step.with?.['terraform_version'])).toMatch(/^1\.11\.\d+$/);
        expect(step.with?.['terraform_wrapper']).toBe(false);
      }
    }
  });

  it('disable the Terraform checkpoint and stamp deployments with the commit', () => {
    for (const file of ['pull-request.yml', 'main.yml', 'drift.yml']) {
      expect(workflows[file]!.env).toMatchObject({ CHECKPOINT_DISABLE: '1', GIT_SHA: '${{ github.sha }}' });
    }
    expect(workflows['deploy-environment.yml']!.jobs['deploy']!.env).toMatchObject({ CHECKPOINT_DISABLE: '1', GIT_SHA: '${{ github.sha }}' });
  });

  it('grant id-token: write to every job that assumes an AWS role, and only read access by default', () => {
    for (const [file, workflow] of Object.entries(workflows)) {
      expect(workflow.permissions, file).toEqual({ contents: 'read' });
      for (const [name, job] of Object.entries(workflow.jobs)) {
        if (job.steps?.some((s) => s.uses?.startsWith('aws-actions/configure-aws-credentials@'))) {
          expect(job.permissions?.['id-token'], `${file}/${name}`).toBe('write');
          const credentials = job.steps.find((s) => s.uses?.startsWith('aws-actions/configure-aws-credentials@'))!;
          expect(credentials.with?.['role-to-assume']).toBe('${{ env.AWS_ROLE_ARN }}');
        }
      }
    }
  });
});

describe('pull request workflow', () => {
  const workflow = workflows['pull-request.yml']!;

  it('runs on pull requests to main with base and head from nx-set-shas', () => {
    expect(workflow.on).toEqual({ pull_request: { branches: ['main'] } });
    expect(steps(workflow).filter((s) => s.uses === 'nrwl/nx-set-shas@v4').length).toBeGreaterThanOrEqual(2);
  });

  it('checks what is affected, plans offline, then for real where the role exists, and comments', () => {
    expect(runs(workflow)).toContain('npx nx affected -t lint typecheck test synth validate --outputStyle=static');
    expect(runs(workflow)).toContain('npx nx run-many -t plan -c offline -p "$PROJECTS" --outputStyle=static');
    expect(runs(workflow)).toContain('npx nx run "$PROJECT:plan" --outputStyle=static');
    expect(workflow.jobs['plan']!.env).toEqual({ AWS_ROLE_ARN: '${{ vars[matrix.roleVariable] }}' });
    expect(needs(workflow.jobs['comment']!)).toEqual(['affected', 'checks', 'plan']);
    expect(workflow.jobs['comment']!.permissions).toEqual({ contents: 'read', 'pull-requests': 'write' });
    expect(runs(workflow)).toContain('node tools/nx-cdktf/src/plan-comment.mjs plan-summaries > plan-comment.md');
  });
});

describe('main workflow', () => {
  const workflow = workflows['main.yml']!;
  const stages = PROMOTION_ORDER.map((environment) => ({ environment, job: workflow.jobs[`deploy-${environment}`]! }));

  it('runs on pushes to main, one deployment at a time, never cancelled halfway', () => {
    expect(workflow.on).toMatchObject({ push: { branches: ['main'] } });
    expect(workflow.concurrency).toEqual({ group: 'deploy-main', 'cancel-in-progress': false });
    expect(runs(workflow)).toContain('echo "environments=$(node tools/nx-cdktf/src/affected-environments.mjs)" >> "$GITHUB_OUTPUT"');
  });

  it('deploys dev, then staging, then prod: each stage needs every earlier one and stops after a failure', () => {
    expect(stages.every((s) => s.job)).toBe(true);
    stages.forEach(({ environment, job }, index) => {
      const earlier = stages.slice(0, index).map((s) => `deploy-${s.environment}`);
      expect(needs(job)).toEqual(['affected', ...earlier]);
      expect(job.uses).toBe('./.github/workflows/deploy-environment.yml');
      expect(job.with).toMatchObject({ project: `infra-${environment}`, environment, role_variable: `AWS_ROLE_ARN_${environment.toUpperCase()}` });
      expect(job.if).toContain(`contains(fromJSON(needs.affected.outputs.environments).*.project, 'infra-${environment}')`);
      if (index > 0) expect(job.if).toContain("!cancelled() && !contains(needs.*.result, 'failure')");
      expect(job.permissions).toEqual({ contents: 'read', 'id-token': 'write' });
    });
  });

  it('deploys prod in the protected prod environment', () => {
    expect(workflow.jobs['deploy-prod']!.with?.['environment']).toBe('prod');
    const deploy = workflows['deploy-environment.yml']!.jobs['deploy']!;
    expect(deploy.environment).toBe('${{ inputs.environment }}');
  });
});

describe('deploy-environment workflow', () => {
  const workflow = workflows['deploy-environment.yml']!;
  const job = workflow.jobs['deploy']!;

  it('is called with the project, its environment and its role variable', () => {
    expect(Object.keys((workflow.on['workflow_call'] as { inputs: object }).inputs)).toEqual(['project', 'environment', 'role_variable']);
    expect(job.env?.['AWS_ROLE_ARN']).toBe('${{ vars[inputs.role_variable] }}');
  });

  it('plans and deploys through the Nx targets, never calling terraform itself', () => {
    const commands = (job.steps ?? []).map((s) => s.run).filter(Boolean);
    expect(commands).toContain('npx nx run "$PROJECT:plan" --outputStyle=static');
    expect(commands).toContain('npx nx run "$PROJECT:deploy" --outputStyle=static');
    for (const workflowFile of Object.values(workflows)) {
      expect(runs(workflowFile).join('\n')).not.toMatch(/terraform (apply|destroy|plan)/);
    }
  });
});

describe('drift workflow', () => {
  const workflow = workflows['drift.yml']!;
  const drift = workflow.jobs['drift']!;

  it('runs nightly and on demand for every environment', () => {
    expect(workflow.on).toMatchObject({ schedule: [{ cron: expect.stringMatching(/^\S+ \S+ \* \* \*$/) }], workflow_dispatch: null });
    expect(runs(workflow)).toContain('echo "environments=$(node tools/nx-cdktf/src/affected-environments.mjs --all)" >> "$GITHUB_OUTPUT"');
    expect(drift.strategy?.['fail-fast']).toBe(false);
  });

  it('fails on drift and publishes the summary as an artifact and an issue', () => {
    expect(runs(workflow)).toContain('npx nx run "$PROJECT:drift" --outputStyle=static');
    const upload = drift.steps!.find((s) => s.uses?.startsWith('actions/upload-artifact@'))!;
    expect(upload.if).toBe('always()');
    expect(upload.with?.['path']).toBe('dist/terraform/${{ matrix.project }}/remote/drift-summary.*');
    const issue = drift.steps!.find((s) => s.uses?.startsWith('actions/github-script@'))!;
    expect(issue.if).toBe("always() && steps.drift.outcome == 'failure'");
    expect(drift.permissions).toMatchObject({ 'id-token': 'write', issues: 'write' });
  });
});
