// @ts-check
// plan: a saved plan (`tfplan`) with a record of the synth it was made from, and a Markdown
// summary CI posts on the pull request. Offline: local empty state and dummy credentials.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { planSummaryMarkdown, summarizePlan } from '../plan-summary.mjs';
import { PLAN_JSON_FILE, discardSavedPlan, writePlanRecord } from '../saved-plan.mjs';
import { appendStepSummary } from '../step-summary.mjs';
import { hashSynth } from '../synth-hash.mjs';
import { PLAN_FILE, planArgs } from '../terraform-args.mjs';
import { openSession, writeSummaryFiles } from '../terraform-session.mjs';

/**
 * @param {string} projectRoot
 * @param {{ offline: boolean }} options
 */
export async function plan(projectRoot, { offline }) {
  const session = await openSession(projectRoot, offline ? 'offline' : 'remote');
  const { dir, terraform, backend } = session;
  // Hash the copy Terraform plans from, not dist/cdktf: a re-synth while this runs must not make
  // the record claim a synth the plan never saw.
  const synthHash = hashSynth(dir.workDir);
  discardSavedPlan(dir.workDir);
  await session.must(planArgs({ offline }), `${terraform.binary} plan`);

  const planJson = await session.showJson(PLAN_FILE);
  writeFileSync(join(dir.workDir, PLAN_JSON_FILE), JSON.stringify(planJson));
  const summary = summarizePlan(planJson);
  /** @type {import('../plan-summary.mjs').PlanContext} */
  const context = { project: dir.name, environment: dir.environment, mode: offline ? 'offline' : 'remote', ...(backend ? { backend } : {}) };
  const markdown = planSummaryMarkdown(context, summary);
  const files = writeSummaryFiles(dir.workDir, 'plan-summary', { ...context, stack: dir.stack, synthHash, ...summary }, markdown);
  writePlanRecord(dir.workDir, {
    project: dir.name,
    environment: dir.environment,
    stack: dir.stack,
    mode: context.mode,
    synthHash,
    binary: terraform.binary,
    terraformVersion: terraform.version,
    stateKey: backend?.key ?? null,
    createdAt: new Date().toISOString(),
  });
  appendStepSummary(markdown);
  process.stdout.write(`${dir.name}: ${summary.add} to add, ${summary.change} to change, ${summary.destroy} to destroy (summary: ${files.markdown})\n`);
  return 0;
}
