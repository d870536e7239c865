// @ts-check
// Which AWS account the current credentials belong to (sts:GetCallerIdentity). A saved plan records
// it, and deploy refuses to apply that plan with credentials of another account.
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { UserError } from '@data-platform/workspace';

/**
 * @param {string} region any region works for STS; the backend's keeps the call regional
 * @returns {Promise<string>} the 12-digit account id
 */
export async function callerAccount(region) {
  const client = new STSClient({ region, maxAttempts: 2 });
  try {
    const identity = await client.send(new GetCallerIdentityCommand({}));
    if (!identity.Account) throw new Error('the response named no account');
    return identity.Account;
  } catch (error) {
    throw new UserError(`could not tell which AWS account the credentials belong to (sts:GetCallerIdentity: ${/** @type {Error} */ (error).message})`);
  } finally {
    client.destroy();
  }
}
