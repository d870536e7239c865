// @ts-check
// plan: a saved plan (`tfplan`) with a record of what it was made from (synth, account, commit,
// its own sha256), and a Markdown summary CI posts on the pull request and shows the reviewer.
// Offline: local empty state and dummy credentials.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { callerAccount } from '../caller-account.mjs';
import { currentGitSha, encodeRecord } from '../deployment-record.mjs';
import { planSummaryMarkdown, summarizePlan } from '../plan-summary.mjs';
import { remoteStateVersions, terraformStatePull } from '../remote-state-versions.mjs';
import { PLAN_JSON_FILE, PLAN_TEXT_FILE, discardSavedPlan, planSha256, writePlanRecord } from '../saved-plan.mjs';
import { appendStepSummary } from '../step-summary.mjs';
import { startOfflineDefinitionValidation } from '../offline-definition-validation.mjs';
import { hashSynth } from '../synth-hash.mjs';
import { PLAN_FILE, planArgs } from '../terraform-args.mjs';
import { openSession, writeSummaryFiles } from '../terraform-session.mjs';

/**
 * @param {string} projectRoot
 * @param {{ offline: boolean }} options
 */
export async function plan(projectRoot, { offline }) {
  if (!offline) return planWith(projectRoot, false);
  // The provider validates literal state machine definitions at plan time: on loopback, offline.
  const validation = await startOfflineDefinitionValidation();
  try {
    return await planWith(projectRoot, true, { stepFunctionsEndpoint: validation.endpoint });
  } finally {
    await validation.close();
  }
}

/**
 * @param {string} projectRoot
 * @param {boolean} offline
 * @param {{ stepFunctionsEndpoint?: string }} [offlineEndpoints]
 */
async function planWith(projectRoot, offline, offlineEndpoints) {
  const session = await openSession(projectRoot, offline ? 'offline' : 'remote', offlineEndpoints);
  const { dir, terraform, backend } = session;
  // Hash the copy Terraform plans from, not dist/cdktf: a re-synth while this runs must not make
  // the record claim a synth the plan never saw.
  const synthHash = hashSynth(dir.workDir);
  const gitSha = currentGitSha();
  const accountId = backend ? await callerAccount(backend.region) : null;
  const remoteStates = await remoteStateVersions(dir.workDir, offline ? { offline } : { offline, readObject: terraformStatePull({ binary: terraform.binary, workDir: dir.workDir }) });
  discardSavedPlan(dir.workDir);
  try {
    await session.must(planArgs({ offline, record: encodeRecord({ gitSha, synthHash, remoteStates }) }), `${terraform.binary} plan`);
  } catch (error) {
    // Terraform saves errored plans too; one must never be left where deploy could find it.
    discardSavedPlan(dir.workDir);
    throw error;
  }

  const planJson = await session.showJson(PLAN_FILE);
  writeFileSync(join(dir.workDir, PLAN_JSON_FILE), JSON.stringify(planJson));
  writeFileSync(join(dir.workDir, PLAN_TEXT_FILE), await session.showText(PLAN_FILE));
  const summary = summarizePlan(planJson);
  const sha256 = planSha256(dir.workDir);
  /** @type {import('../plan-summary.mjs').PlanContext} */
  const context = {
    project: dir.name,
    environment: dir.environment,
    mode: offline ? 'offline' : 'remote',
    planSha256: sha256,
    ...(backend ? { backend } : {}),
    ...(accountId ? { accountId } : {}),
  };
  const markdown = planSummaryMarkdown(context, summary);
  const files = writeSummaryFiles(dir.workDir, 'plan-summary', { ...context, stack: dir.stack, synthHash, gitSha, remoteStates, ...summary }, markdown);
  writePlanRecord(dir.workDir, {
    project: dir.name,
    environment: dir.environment,
    stack: dir.stack,
    mode: context.mode,
    synthHash,
    binary: terraform.binary,
    terraformVersion: terraform.version,
    stateKey: backend?.key ?? null,
    accountId,
    gitSha,
    planSha256: sha256,
    createdAt: new Date().toISOString(),
  });
  appendStepSummary(markdown);
  process.stdout.write(`${dir.name}: ${summary.add} to add, ${summary.change} to change, ${summary.destroy} to destroy; plan sha256 ${sha256} (summary: ${files.markdown})\n`);
  return 0;
}
