// @ts-check
// deploy: apply the saved plan if it still matches the synth, else plan and apply in one go
// (auto-approved only in CI; a person confirms at Terraform's prompt).
import { discardSavedPlan, matchSavedPlan, planFileExists, readPlanRecord } from '../saved-plan.mjs';
import { hashSynth } from '../synth-hash.mjs';
import { PLAN_FILE, applyArgs, isCi } from '../terraform-args.mjs';
import { createSession } from '../terraform-session.mjs';

/** @param {string} projectRoot */
export async function deploy(projectRoot) {
  const session = createSession(projectRoot, 'remote');
  const { dir, terraform, backend } = session;
  // Decide (and say) what will happen before init: that needs no AWS, and tells the user why.
  const match = matchSavedPlan(readPlanRecord(dir.workDir), {
    synthHash: hashSynth(dir.synthStackDir),
    binary: terraform.binary,
    terraformVersion: terraform.version,
    stateKey: backend?.key ?? null,
    planFileExists: planFileExists(dir.workDir),
  });
  const ci = isCi();
  const { args, interactive } = applyArgs({ savedPlan: match.matches ? PLAN_FILE : undefined, ci });
  const how = match.matches
    ? 'applying the saved plan'
    : ci
      ? 'planning and applying (-auto-approve: CI=true)'
      : `${terraform.binary} apply will show the plan and ask for confirmation`;
  process.stdout.write(`${dir.name}: ${match.reason}; ${how}\n`);
  if (!match.matches) discardSavedPlan(dir.workDir);

  await session.init();
  await session.must(args, `${terraform.binary} apply`, { output: interactive ? 'interactive' : 'stream' });
  discardSavedPlan(dir.workDir); // applied (or stale now): never apply it twice
  process.stdout.write(`${dir.name}: deployed to ${dir.environment}\n`);
  return 0;
}
