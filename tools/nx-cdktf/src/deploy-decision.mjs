// @ts-check
// What `deploy` does, decided from data before Terraform changes anything:
//  - a reviewed plan was named (--plan-sha256, CI's apply job): apply exactly that plan or refuse;
//  - a saved plan still matches the synth: apply it;
//  - the synth is what the deployment record says is deployed: nothing (a promotion step that
//    carries no change), unless --force;
//  - otherwise plan and apply in one go (CI auto-approves, a person confirms).
import { UserError } from '@data-platform/workspace';

/**
 * @typedef {import('./saved-plan.mjs').PlanMatch} PlanMatch
 * @typedef {import('./deployment-record.mjs').DeploymentRecord} DeploymentRecord
 * @typedef {{ action: 'apply-saved' | 'skip' | 'plan-and-apply', reason: string }} DeployDecision
 */

/**
 * The part decided before init (no AWS): whether a saved plan is to be applied.
 * @param {{ environment: string, match: PlanMatch, requiredPlanSha256?: string, planSha256?: string }} input
 * @returns {DeployDecision | undefined} undefined: look at the deployed record next
 */
export function decideSavedPlan({ environment, match, requiredPlanSha256, planSha256 }) {
  if (requiredPlanSha256) {
    if (!match.matches) throw new UserError(`refusing to deploy ${environment}: the reviewed plan ${short(requiredPlanSha256)} cannot be applied (${match.reason})`);
    if (planSha256 !== requiredPlanSha256) {
      throw new UserError(`refusing to deploy ${environment}: the saved plan is ${short(planSha256 ?? 'missing')}, not the reviewed plan ${short(requiredPlanSha256)}`);
    }
    return { action: 'apply-saved', reason: `applying the reviewed plan ${short(requiredPlanSha256)}` };
  }
  return match.matches ? { action: 'apply-saved', reason: `${match.reason}; applying the saved plan` } : undefined;
}

/**
 * The part decided after init, from the record in the state.
 * @param {{ synthHash: string, deployed: DeploymentRecord | undefined, force: boolean, ci: boolean, binary: string }} input
 * @returns {DeployDecision}
 */
export function decideWithoutSavedPlan({ synthHash, deployed, force, ci, binary }) {
  if (deployed?.synthHash === synthHash && !force) {
    return { action: 'skip', reason: `nothing to deploy: synth ${short(synthHash)} is already deployed (git ${deployed.gitSha.slice(0, 12)}); --force applies anyway` };
  }
  const why = deployed ? `deployed synth is ${short(deployed.synthHash)}, this one is ${short(synthHash)}` : 'no deployment record yet';
  const how = ci ? 'planning and applying (-auto-approve: CI=true)' : `${binary} apply will show the plan and ask for confirmation`;
  return { action: 'plan-and-apply', reason: `${force ? 'forced' : why}; ${how}` };
}

/**
 * Refuses a saved plan made with credentials of another account.
 * @param {{ environment: string, planned: string | null, current: string }} input
 */
export function refuseOtherAccount({ environment, planned, current }) {
  if (planned && planned !== current) {
    throw new UserError(`refusing to deploy ${environment}: the saved plan was made against account ${planned}, these credentials are for account ${current}`);
  }
}

/** @param {string} hash */
function short(hash) {
  return hash.replace(/^sha256:/, '').slice(0, 12);
}
