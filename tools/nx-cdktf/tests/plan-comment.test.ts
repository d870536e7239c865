import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { COMMENT_LIMIT, PLAN_COMMENT_MARKER, collectPlans, composePlanComment } from '../src/plan-comment.mjs';

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

  it('folds each full plan into <details> when it fits', () => {
    const comment = composePlanComment([{ ...plan('infra-dev', 'dev', 'remote'), planText: 'Terraform will perform the following actions:\n  # aws_s3_bucket.data will be created' }]);
    expect(comment).toContain('<details><summary>Full plan of infra-dev</summary>');
    expect(comment).toContain('# aws_s3_bucket.data will be created');
    expect(comment).not.toContain('Truncated');
  });

  it('truncates full plans so the comment stays under GitHub\'s 65,536-character limit, and says so', () => {
    const huge = 'x'.repeat(50_000);
    const comment = composePlanComment([
      { ...plan('infra-dev', 'dev', 'remote'), planText: huge },
      { ...plan('infra-prod', 'prod', 'remote'), planText: `${huge}\n\`\`\`\nnot a fence end` },
    ]);
    expect(comment.length).toBeLessThanOrEqual(COMMENT_LIMIT);
    expect(comment.match(/<details>/g)).toHaveLength(2);
    expect(comment).toMatch(/Truncated to fit GitHub's 65,536-character comment limit: [\d,]+ of 50,000 characters shown\. The whole plan is in the run's plan-infra-dev artifact\./);
    // A plan holding ``` gets a longer fence, so it cannot close the block early.
    expect(comment).toContain('````\n');
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
    writeFileSync(join(dir, 'plan-infra-dev', 'plan.txt'), 'full remote plan');
    const plans = collectPlans(dir);
    expect(plans.map((p) => p.mode).sort()).toEqual(['offline', 'remote']);
    expect(composePlanComment(plans)).toContain('### infra-dev remote');
    expect(plans.find((p) => p.mode === 'remote')?.planText).toBe('full remote plan');
    expect(collectPlans(join(dir, 'missing'))).toEqual([]);
  });
});
