// @ts-check
// One pull-request comment from every plan summary CI collected:
//   node tools/nx-cdktf/src/plan-comment.mjs <dir> > comment.md
// Per environment the plan against real state wins over the offline plan (which only shows what
// an empty account would get), in promotion order.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promotionStage } from './promotion-order.mjs';
import { runMain, UserError } from './user-error.mjs';

/** Marker CI uses to find and update its comment instead of adding one per push. */
export const PLAN_COMMENT_MARKER = '<!-- nx-cdktf:plan-comment -->';

/**
 * @typedef {{ project: string, environment: string, mode: 'remote' | 'offline', markdown: string }} CollectedPlan
 */

/**
 * @param {CollectedPlan[]} plans
 */
export function composePlanComment(plans) {
  /** @type {Map<string, CollectedPlan>} */
  const chosen = new Map();
  for (const plan of plans) {
    const current = chosen.get(plan.project);
    if (!current || (current.mode === 'offline' && plan.mode === 'remote')) chosen.set(plan.project, plan);
  }
  const ordered = [...chosen.values()].sort((a, b) => promotionStage(a.environment) - promotionStage(b.environment) || a.project.localeCompare(b.project));
  const lines = [PLAN_COMMENT_MARKER, '## Terraform plans', ''];
  if (ordered.length === 0) lines.push('No environment is affected by this change: nothing to plan.', '');
  for (const plan of ordered) {
    if (plan.mode === 'offline') lines.push(`> No AWS credentials for ${plan.environment} in this run: the offline plan (from empty state) is shown.`, '');
    lines.push(plan.markdown.trim(), '');
  }
  return lines.join('\n');
}

/**
 * Every plan-summary.json under `dir` with the Markdown written beside it.
 * @param {string} dir
 * @returns {CollectedPlan[]}
 */
export function collectPlans(dir) {
  /** @type {CollectedPlan[]} */
  const plans = [];
  const walk = (/** @type {string} */ current) => {
    for (const entry of readdirSync(current, { withFileTypes: true })) {
      const path = join(current, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name === 'plan-summary.json' && existsSync(join(dirname(path), 'plan-summary.md'))) {
        const json = /** @type {CollectedPlan} */ (JSON.parse(readFileSync(path, 'utf8')));
        plans.push({ project: json.project, environment: json.environment, mode: json.mode, markdown: readFileSync(join(dirname(path), 'plan-summary.md'), 'utf8') });
      }
    }
  };
  if (existsSync(dir)) walk(dir);
  return plans;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await runMain(async () => {
    const dir = process.argv[2];
    if (!dir) throw new UserError('usage: plan-comment.mjs <directory holding plan-summary.json files>');
    process.stdout.write(composePlanComment(collectPlans(dir)));
  });
}
