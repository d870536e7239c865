// @ts-check
// destroy: tear the environment down (auto-approved only in CI; a person confirms otherwise).
import { discardSavedPlan } from '../saved-plan.mjs';
import { destroyArgs, isCi } from '../terraform-args.mjs';
import { openSession } from '../terraform-session.mjs';

/** @param {string} projectRoot */
export async function destroy(projectRoot) {
  const session = await openSession(projectRoot, 'remote');
  const { dir, terraform } = session;
  // Any saved plan was made against the state that is about to disappear.
  discardSavedPlan(dir.workDir);
  const { args, interactive } = destroyArgs({ ci: isCi() });
  await session.must(args, `${terraform.binary} destroy`, { output: interactive ? 'interactive' : 'stream' });
  process.stdout.write(`${dir.name}: destroyed ${dir.environment}\n`);
  return 0;
}
