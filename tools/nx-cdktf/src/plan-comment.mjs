// @ts-check
// One pull-request comment from every plan summary CI collected:
//   node tools/nx-cdktf/src/plan-comment.mjs <dir> > comment.md
// Per environment the plan against real state wins over the offline plan (which only shows what
// an empty account would get), in promotion order.
import { existsSync, readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { listFiles } from './list-files.mjs';
import { PLAN_TEXT_FILE } from './saved-plan.mjs';
import { promotionStage, runMain, UserError } from '@data-platform/workspace';

/** Marker CI uses to find and update its comment instead of adding one per push. */
export const PLAN_COMMENT_MARKER = '<!-- nx-cdktf:plan-comment -->';

/** GitHub rejects a comment body over 65,536 characters; keep a margin for the links it adds. */
export const COMMENT_LIMIT = 65_536;
const MARGIN = 1_536;

/**
 * @typedef {{ project: string, environment: string, mode: 'remote' | 'offline', markdown: string, planText?: string }} CollectedPlan
 */

/**
 * A code fence longer than any run of backticks in the text, so the plan cannot close it early.
 * @param {string} text
 */
function fenceFor(text) {
  const longest = Math.max(0, ...[...text.matchAll(/`+/g)].map((m) => m[0].length));
  return '`'.repeat(Math.max(3, longest + 1));
}

/**
 * The full plan folded away, cut to `budget` characters with a note saying so.
 * @param {CollectedPlan} plan
 * @param {number} budget characters this block may take
 */
function foldedPlan(plan, budget) {
  const text = /** @type {string} */ (plan.planText);
  const head = `<details><summary>Full plan of ${plan.project}</summary>\n\n`;
  const fence = fenceFor(text);
  const note = (/** @type {number} */ shown) =>
    `\n_Truncated to fit GitHub's ${COMMENT_LIMIT.toLocaleString('en-US')}-character comment limit: ${shown.toLocaleString('en-US')} of ${text.length.toLocaleString('en-US')} characters shown. The whole plan is in the run's plan-${plan.project} artifact._\n`;
  const frame = (/** @type {string} */ body, /** @type {string} */ after) => `${head}${fence}\n${body}\n${fence}\n${after}</details>\n`;
  const whole = frame(text, '');
  if (whole.length <= budget) return whole;
  const room = Math.max(0, budget - frame('', note(text.length)).length);
  return frame(text.slice(0, room), note(room));
}

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
  const summaries = lines.join('\n');
  // What is left under the limit is shared out equally among the full plans.
  const withText = ordered.filter((plan) => plan.planText);
  const share = Math.floor(Math.max(0, COMMENT_LIMIT - MARGIN - summaries.length) / Math.max(1, withText.length));
  return summaries + withText.map((plan) => foldedPlan(plan, share)).join('\n');
}

/**
 * Every plan-summary.json under `dir` with the Markdown written beside it.
 * @param {string} dir
 * @returns {CollectedPlan[]}
 */
export function collectPlans(dir) {
  if (!existsSync(dir)) return [];
  return listFiles(dir)
    .filter((file) => basename(file) === 'plan-summary.json')
    .map((file) => join(dir, dirname(file)))
    .filter((planDir) => existsSync(join(planDir, 'plan-summary.md')))
    .map((planDir) => {
      const json = /** @type {CollectedPlan} */ (JSON.parse(readFileSync(join(planDir, 'plan-summary.json'), 'utf8')));
      const textFile = join(planDir, PLAN_TEXT_FILE);
      return {
        project: json.project,
        environment: json.environment,
        mode: json.mode,
        markdown: readFileSync(join(planDir, 'plan-summary.md'), 'utf8'),
        ...(existsSync(textFile) ? { planText: readFileSync(textFile, 'utf8') } : {}),
      };
    });
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await runMain(async () => {
    const dir = process.argv[2];
    if (!dir) throw new UserError('usage: plan-comment.mjs <directory holding plan-summary.json files>');
    process.stdout.write(composePlanComment(collectPlans(dir)));
  });
}
