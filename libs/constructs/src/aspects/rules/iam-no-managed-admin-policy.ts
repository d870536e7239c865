import type { GovernanceRule, SynthesizedResource } from './rule.js';

/** AWS managed policies that hand out administration (of everything, of IAM, or of all but IAM). */
const ADMIN_POLICIES = ['AdministratorAccess', 'PowerUserAccess', 'IAMFullAccess'].map((name) => `arn:aws:iam::aws:policy/${name}`);

const attachedArns = (resource: SynthesizedResource): unknown[] => {
  if (resource.type === 'aws_iam_role') return [resource.config['managed_policy_arns']].flat();
  if (/^aws_iam_(role|user|group)_policy_attachment$|^aws_iam_policy_attachment$/.test(resource.type)) return [resource.config['policy_arn']];
  return [];
};

/** No role, user or group gets an AWS managed admin policy (a superset of CKV_AWS_274's AdministratorAccess). */
export const iamNoManagedAdminPolicy: GovernanceRule = {
  id: 'iam-no-managed-admin-policy',
  description: 'No AdministratorAccess, PowerUserAccess or IAMFullAccess attachment',
  scannerIds: ['CKV_AWS_274'],
  check(resource) {
    return attachedArns(resource)
      .filter((arn): arn is string => typeof arn === 'string' && ADMIN_POLICIES.some((admin) => arn.endsWith(admin.slice('arn:aws'.length))))
      .map((arn) => `attaches the managed admin policy ${arn}`);
  },
};
