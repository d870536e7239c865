import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { PLAN_COMMENT_MARKER, collectPlans, composePlanComment } from '../src/plan-comment.mjs';

const plan = (project: string, environment: string, mode: 'remote' | 'offline') => ({ project, environment, mode, markdown: `### ${project} (${mode})\n` });

describe('composePlanComment', () => {
  it('shows one plan per environment in promotion order, the real plan over the offline one', () => {
    const comment = composePlanComment([plan('infra-prod', 'prod', 'offline'), plan('infra-dev', 'dev', 'offline'), plan('infra-dev', 'dev', 'remote')]);
    expect(comment.startsWith(`${PLAN_COMMENT_MARKER}\n## Terraform plans`)).toBe(true);
    expect(comment).toContain('### infra-dev (remote)');
    expect(comment).not.toContain('### infra-dev (offline)');
    expect(comment.indexOf('infra-dev')).toBeLessThan(comment.indexOf('infra-prod'));
    expect(comment).toContain('> No AWS credentials for prod in this run: the offline plan (from empty state) is shown.');
  });

  it('says when nothing is affected', () => {
    expect(composePlanComment([])).toContain('No environment is affected by this change: nothing to plan.');
  });
});

describe('collectPlans', () => {
  const dir = mkdtempSync(join(tmpdir(), 'nx-cdktf-comment-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('reads every plan-summary.json with its Markdown from downloaded artifacts', () => {
    for (const [artifact, mode] of [['plan-offline/infra-dev/offline', 'offline'], ['plan-infra-dev', 'remote']] as const) {
      mkdirSync(join(dir, artifact), { recursive: true });
      writeFileSync(join(dir, artifact, 'plan-summary.json'), JSON.stringify({ project: 'infra-dev', environment: 'dev', mode, add: 1 }));
      writeFileSync(join(dir, artifact, 'plan-summary.md'), `### infra-dev ${mode}\n`);
    }
    const plans = collectPlans(dir);
    expect(plans.map((p) => p.mode).sort()).toEqual(['offline', 'remote']);
    expect(composePlanComment(plans)).toContain('### infra-dev remote');
    expect(collectPlans(join(dir, 'missing'))).toEqual([]);
  });
});
