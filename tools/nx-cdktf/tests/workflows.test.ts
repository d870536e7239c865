import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { PROMOTION_ORDER } from '@data-platform/workspace';
import { WORKSPACE_ROOT } from './support/workspace.js';

interface Step {
  uses?: string;
  run?: string;
  with?: Record<string, unknown>;
  if?: string;
  id?: string;
  env?: Record<string, string>;
  name?: string;
}
interface Job {
  needs?: string | string[];
  if?: string;
  uses?: string;
  with?: Record<string, unknown>;
  environment?: string;
  env?: Record<string, string>;
  permissions?: Record<string, string>;
  concurrency?: { group: string; 'cancel-in-progress': boolean };
  outputs?: Record<string, string>;
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
interface CompositeAction {
  runs: { using: string; steps: Step[] };
}

const github = join(WORKSPACE_ROOT, '.github');
const dir = join(github, 'workflows');
const files = readdirSync(dir).filter((f) => f.endsWith('.yml'));
const load = (name: string) => parse(readFileSync(join(dir, name), 'utf8')) as Workflow;
const workflows = Object.fromEntries(files.map((f) => [f, load(f)]));
const setupAction = parse(readFileSync(join(github, 'actions', 'setup', 'action.yml'), 'utf8')) as CompositeAction;
const steps = (w: Workflow) => Object.values(w.jobs).flatMap((j) => j.steps ?? []);
const runs = (w: Workflow) => steps(w).map((s) => s.run ?? '');
const needs = (job: Job) => [job.needs ?? []].flat();
const usesAws = (job: Job) => job.steps?.some((s) => s.uses?.startsWith('aws-actions/configure-aws-credentials@')) ?? false;
const allSteps = [...Object.values(workflows).flatMap(steps), ...setupAction.runs.steps];

describe('GitHub workflows', () => {
  it('are the pull request, main, per-environment and drift workflows', () => {
    expect(files.sort()).toEqual(['drift.yml', 'environment.yml', 'main.yml', 'pull-request.yml']);
  });

  it('pin every third-party action to a full commit SHA, with its version in a comment', () => {
    const sources = [...files.map((f) => readFileSync(join(dir, f), 'utf8')), readFileSync(join(github, 'actions', 'setup', 'action.yml'), 'utf8')];
    const uses = allSteps.filter((s) => s.uses && !s.uses.startsWith('./')).map((s) => s.uses!);
    expect(uses.length).toBeGreaterThan(10);
    for (const action of uses) expect(action).toMatch(/^[\w.-]+\/[\w./-]+@[0-9a-f]{40}$/);
    for (const line of sources.join('\n').split('\n').filter((l) => /uses: [\w.-]+\/[\w.-]+@/.test(l))) expect(line).toMatch(/@[0-9a-f]{40} # v\d+\.\d+\.\d+$/);
    // One SHA per action across every file, so a bump cannot leave a stale pin behind.
    const shaByAction = new Map<string, Set<string>>();
    for (const action of uses) {
      const [name, sha] = action.split('@') as [string, string];
      shaByAction.set(name, (shaByAction.get(name) ?? new Set()).add(sha));
    }
    for (const [name, shas] of shaByAction) expect(shas.size, name).toBe(1);
  });

  it('set up Node 22 with the npm cache, npm ci and Terraform 1.11 without the output wrapper through one local action', () => {
    const node = setupAction.runs.steps.find((s) => s.uses?.startsWith('actions/setup-node@'))!;
    expect(node.with).toEqual({ 'node-version': 22, cache: 'npm' });
    expect(setupAction.runs.steps.some((s) => s.run?.startsWith('npm ci'))).toBe(true);
    const terraform = setupAction.runs.steps.find((s) => s.uses?.startsWith('hashicorp/setup-terraform@'))!;
    expect(terraform.with).toEqual({ terraform_version: '1.11.4', terraform_wrapper: false });
    for (const [file, workflow] of Object.entries(workflows)) {
      for (const [name, job] of Object.entries(workflow.jobs).filter(([, j]) => j.steps?.some((s) => /npx nx|node tools\/nx-cdktf\/src\/affected/.test(s.run ?? '')))) {
        expect(job.steps!.some((s) => s.uses === './.github/actions/setup'), `${file}/${name}`).toBe(true);
      }
      for (const step of steps(workflow).filter((s) => s.uses?.startsWith('actions/setup-node@'))) expect(step.with?.['node-version'], file).toBe(22);
    }
  });

  it('grant only read access by default, and id-token: write only to jobs that assume a role', () => {
    for (const [file, workflow] of Object.entries(workflows)) {
      expect(workflow.permissions, file).toEqual({ contents: 'read' });
      expect(workflow.concurrency, `${file} has no workflow-level queue`).toBeUndefined();
      for (const [name, job] of Object.entries(workflow.jobs)) {
        const assumes = usesAws(job) || Boolean(job.uses);
        expect(job.permissions?.['id-token'] === 'write', `${file}/${name}`).toBe(assumes);
        if (usesAws(job)) expect(job.steps!.find((s) => s.uses?.startsWith('aws-actions/'))!.with?.['role-to-assume']).toBe('${{ env.AWS_ROLE_ARN }}');
      }
    }
  });

  it('run every Terraform command through the Nx targets, never terraform apply/destroy/plan directly', () => {
    for (const workflow of Object.values(workflows)) expect(runs(workflow).join('\n')).not.toMatch(/terraform (apply|destroy|plan)/);
  });
});

describe('pull request workflow', () => {
  const workflow = workflows['pull-request.yml']!;

  it('runs on pull requests to main, including labels (previews) and closing (their teardown)', () => {
    expect(workflow.on).toEqual({ pull_request: { branches: ['main'], types: ['opened', 'synchronize', 'reopened', 'labeled', 'closed'] } });
    expect(workflow.env).toMatchObject({ NX_BASE: '${{ github.event.pull_request.base.sha }}', NX_HEAD: '${{ github.event.pull_request.head.sha }}' });
  });

  it('checks what is affected, plans offline, then with the read-only plan role, and comments', () => {
    expect(runs(workflow)).toContain('npx nx affected -t lint typecheck test synth validate --outputStyle=static');
    expect(runs(workflow)).toContain('npx nx run-many -t plan -c offline -p "$PROJECTS" --outputStyle=static');
    expect(runs(workflow)).toContain('npx nx run "$PROJECT:plan" --outputStyle=static');
    expect(workflow.jobs['plan']!.env).toMatchObject({ AWS_ROLE_ARN: '${{ vars[matrix.planRoleVariable] }}' });
    expect(needs(workflow.jobs['comment']!)).toEqual(['affected', 'checks', 'plan']);
    expect(workflow.jobs['comment']!.permissions).toEqual({ contents: 'read', 'pull-requests': 'write' });
    expect(runs(workflow)).toContain('node tools/nx-cdktf/src/plan-comment.mjs plan-summaries > plan-comment.md');
  });

  it('never gives PR code a deploy role: only the plan role, or the preview role in the preview environment', () => {
    for (const [name, job] of Object.entries(workflow.jobs).filter(([, j]) => usesAws(j))) {
      const role = job.env?.['AWS_ROLE_ARN'];
      if (name.startsWith('preview')) {
        expect(role).toBe('${{ vars.AWS_PREVIEW_ROLE_ARN }}');
        expect(job.environment).toBe('preview');
      } else {
        expect(role).toBe('${{ vars[matrix.planRoleVariable] }}');
        expect(job.environment).toBeUndefined();
      }
    }
    expect(readFileSync(join(dir, 'pull-request.yml'), 'utf8')).not.toMatch(/AWS_DEPLOY_ROLE_ARN/);
  });

  it('deploys a preview of the dev stack with suffix pr<N> when labelled, and destroys it when the PR closes', () => {
    const preview = workflow.jobs['preview']!;
    const destroy = workflow.jobs['preview-destroy']!;
    expect(preview.if).toContain("contains(github.event.pull_request.labels.*.name, 'preview')");
    expect(preview.if).toContain("github.event.action != 'closed'");
    expect(destroy.if).toContain("github.event.action == 'closed'");
    for (const job of [preview, destroy]) {
      expect(job.env?.['ENVIRONMENT_SUFFIX']).toBe('pr${{ github.event.pull_request.number }}');
      expect(job.concurrency).toEqual({ group: 'terraform-dev-pr${{ github.event.pull_request.number }}', 'cancel-in-progress': false });
    }
    expect(preview.steps!.map((s) => s.run ?? '').join('\n')).toContain('npx nx run infra-dev:deploy --exclude-task-dependencies');
    expect(destroy.steps!.map((s) => s.run ?? '').join('\n')).toContain('npx nx run infra-dev:destroy --exclude-task-dependencies');
  });
});

describe('main workflow', () => {
  const workflow = workflows['main.yml']!;
  const stages = PROMOTION_ORDER.map((environment) => ({ environment, job: workflow.jobs[environment]! }));

  it('runs on pushes to main, and refuses a manual run on any other branch', () => {
    expect(workflow.on).toMatchObject({ push: { branches: ['main'] } });
    const guard = workflow.jobs['affected']!.steps![0]!;
    expect(guard).toMatchObject({ if: "github.ref != 'refs/heads/main'" });
    expect(guard.run).toMatch(/exit 1/);
    expect(runs(workflow)).toContain('echo "environments=$(node tools/nx-cdktf/src/affected-environments.mjs)" >> "$GITHUB_OUTPUT"');
  });

  it('takes dev, then staging, then prod: each stage needs every earlier one and stops after a failure', () => {
    stages.forEach(({ environment, job }, index) => {
      expect(job, environment).toBeDefined();
      expect(needs(job)).toEqual(['affected', ...stages.slice(0, index).map((s) => s.environment)]);
      expect(job.uses).toBe('./.github/workflows/environment.yml');
      const upper = environment.toUpperCase();
      expect(job.with).toEqual({ project: `infra-${environment}`, environment, plan_role_variable: `AWS_PLAN_ROLE_ARN_${upper}`, deploy_role_variable: `AWS_DEPLOY_ROLE_ARN_${upper}` });
      expect(job.if).toContain(`contains(fromJSON(needs.affected.outputs.environments).*.project, 'infra-${environment}')`);
      if (index > 0) expect(job.if).toContain("!cancelled() && !contains(needs.*.result, 'failure')");
      expect(job.permissions).toEqual({ contents: 'read', 'id-token': 'write' });
    });
  });
});

describe('environment workflow', () => {
  const workflow = workflows['environment.yml']!;
  const plan = workflow.jobs['plan']!;
  const apply = workflow.jobs['apply']!;

  it('plans with the plan role outside any GitHub environment, so the plan exists before anyone approves', () => {
    expect(plan.environment).toBeUndefined();
    expect(plan.env?.['AWS_ROLE_ARN']).toBe('${{ vars[inputs.plan_role_variable] }}');
    expect(plan.outputs).toEqual({ plan_sha256: '${{ steps.plan.outputs.plan_sha256 }}' });
    const upload = plan.steps!.find((s) => s.uses?.startsWith('actions/upload-artifact@'))!;
    expect(String(upload.with?.['path'])).toContain('remote/tfplan\n');
  });

  it('applies in the GitHub environment with the deploy role, exactly the planned file, checked by its sha256', () => {
    expect(needs(apply)).toEqual(['plan']);
    expect(apply.environment).toBe('${{ inputs.environment }}');
    expect(apply.env).toMatchObject({ AWS_ROLE_ARN: '${{ vars[inputs.deploy_role_variable] }}', PLAN_SHA256: '${{ needs.plan.outputs.plan_sha256 }}' });
    const download = apply.steps!.find((s) => s.uses?.startsWith('actions/download-artifact@'))!;
    expect(download.with).toEqual({ name: 'plan-${{ inputs.project }}', path: 'dist/terraform/${{ inputs.project }}/remote' });
    expect(apply.steps!.map((s) => s.run ?? '').join('\n')).toContain('npx nx run "$PROJECT:deploy" --exclude-task-dependencies --outputStyle=static --plan-sha256="$PLAN_SHA256"');
  });

  it('shares one concurrency group per environment with drift, never cancelling a run halfway', () => {
    for (const job of [plan, apply, workflows['drift.yml']!.jobs['drift']!]) {
      expect(job.concurrency).toEqual({ group: expect.stringMatching(/^terraform-\$\{\{ (inputs|matrix)\.environment \}\}$/), 'cancel-in-progress': false });
    }
  });
});

describe('drift workflow', () => {
  const workflow = workflows['drift.yml']!;
  const drift = workflow.jobs['drift']!;

  it('runs nightly and on demand from main only, for every environment, with the plan role', () => {
    expect(workflow.on).toMatchObject({ schedule: [{ cron: expect.stringMatching(/^\S+ \S+ \* \* \*$/) }], workflow_dispatch: null });
    expect(workflow.jobs['environments']!.steps![0]).toMatchObject({ if: "github.ref != 'refs/heads/main'" });
    expect(runs(workflow)).toContain('echo "environments=$(node tools/nx-cdktf/src/affected-environments.mjs --all)" >> "$GITHUB_OUTPUT"');
    expect(drift.strategy?.['fail-fast']).toBe(false);
    expect(drift.env?.['AWS_ROLE_ARN']).toBe('${{ vars[matrix.planRoleVariable] }}');
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

describe('console image job (main)', () => {
  const job = workflows['main.yml']!.jobs['console-image']!;

  it('builds the console Dockerfile with Buildx for arm64 and pushes it to ECR tagged with the commit', () => {
    const jobSteps = job.steps!;
    expect(jobSteps.some((s) => s.uses?.startsWith('docker/setup-buildx-action@'))).toBe(true);
    expect(jobSteps.some((s) => s.uses?.startsWith('aws-actions/amazon-ecr-login@'))).toBe(true);
    const build = jobSteps.find((s) => s.uses?.startsWith('docker/build-push-action@'))!;
    expect(build.with).toMatchObject({
      context: '.',
      file: 'apps/console/Dockerfile',
      platforms: 'linux/arm64',
      push: true,
      tags: '${{ steps.ecr.outputs.registry }}/${{ env.ECR_REPOSITORY }}:${{ github.sha }}',
    });
    expect(String(build.with?.['tags'])).not.toContain('latest');
    expect(job.permissions).toEqual({ contents: 'read', 'id-token': 'write' });
  });
});
