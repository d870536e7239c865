// @ts-check
// deploy: apply the reviewed or saved plan if it still matches the synth; do nothing when the
// synth is what the deployment record says is deployed; else plan and apply in one go
// (auto-approved only in CI; a person confirms at Terraform's prompt). deploy-decision.mjs says why.
import { callerAccount } from '../caller-account.mjs';
import { decideSavedPlan, decideWithoutSavedPlan, refuseOtherAccount } from '../deploy-decision.mjs';
import { currentGitSha, deployedRecord, encodeRecord } from '../deployment-record.mjs';
import { remoteStateVersions, terraformStatePull } from '../remote-state-versions.mjs';
import { discardSavedPlan, matchSavedPlan, planFileExists, planSha256, readPlanRecord } from '../saved-plan.mjs';
import { hashSynth } from '../synth-hash.mjs';
import { PLAN_FILE, applyArgs, isCi } from '../terraform-args.mjs';
import { createSession } from '../terraform-session.mjs';

/**
 * @param {string} projectRoot
 * @param {{ force?: boolean, planSha256?: string }} options force: apply even when the synth is
 *   deployed; planSha256: the reviewed plan, which must be the saved one (else nothing is applied)
 */
export async function deploy(projectRoot, options = {}) {
  const session = createSession(projectRoot, 'remote');
  const { dir, terraform, backend } = session;
  const synthHash = hashSynth(dir.synthStackDir);
  const record = readPlanRecord(dir.workDir);
  const hasPlan = planFileExists(dir.workDir);
  // Decide (and say) what a saved plan means before init: that needs no AWS.
  const match = matchSavedPlan(record, {
    synthHash,
    binary: terraform.binary,
    terraformVersion: terraform.version,
    stateKey: backend?.key ?? null,
    planFileExists: hasPlan,
  });
  const saved = decideSavedPlan({
    environment: dir.environment,
    match,
    ...(options.planSha256 ? { requiredPlanSha256: options.planSha256 } : {}),
    ...(hasPlan ? { planSha256: planSha256(dir.workDir) } : {}),
  });
  if (saved) process.stdout.write(`${dir.name}: ${saved.reason}\n`);
  else discardSavedPlan(dir.workDir);

  await session.init();
  if (saved) {
    refuseOtherAccount({ environment: dir.environment, planned: record?.accountId ?? null, current: await callerAccount(/** @type {NonNullable<typeof backend>} */ (backend).region) });
    await session.must(applyArgs({ savedPlan: PLAN_FILE }).args, `${terraform.binary} apply`, { output: 'stream' });
  } else {
    const decision = decideWithoutSavedPlan({ synthHash, deployed: deployedRecord(await session.outputs()), force: Boolean(options.force), ci: isCi(), binary: terraform.binary });
    process.stdout.write(`${dir.name}: ${decision.reason}\n`);
    if (decision.action === 'skip') return 0;
    const remoteStates = await remoteStateVersions(dir.workDir, { offline: false, readObject: terraformStatePull({ binary: terraform.binary, workDir: dir.workDir }) });
    const { args, interactive } = applyArgs({ record: encodeRecord({ gitSha: currentGitSha(), synthHash, remoteStates }), ci: isCi() });
    await session.must(args, `${terraform.binary} apply`, { output: interactive ? 'interactive' : 'stream' });
  }
  discardSavedPlan(dir.workDir); // applied (or stale now): never apply it twice
  process.stdout.write(`${dir.name}: deployed to ${dir.environment}\n`);
  return 0;
}
