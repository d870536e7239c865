// @ts-check
// validate: init without a backend (no state, no credentials) and `terraform validate`.
import { openSession } from '../terraform-session.mjs';

/** @param {string} projectRoot */
export async function validate(projectRoot) {
  const session = await openSession(projectRoot, 'validate');
  await session.must(['validate', '-no-color'], `${session.terraform.binary} validate`);
  return 0;
}
