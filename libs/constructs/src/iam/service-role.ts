import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import type { Naming } from '@data-platform/config';
import type { Construct } from 'constructs';
import { assumeRolePolicy, policyDocument, type PolicyStatement, type TrustGuard } from './policy-document.js';

export interface ServiceRoleProps {
  readonly naming: Naming;
  /** Names the role and its policy (`role-…-<purpose>-…`, `policy-…-<purpose>-…`). */
  readonly purpose: string;
  /** The service principal that assumes the role, e.g. `states.amazonaws.com`. */
  readonly service: string;
  /** The account and resource the service acts for, where the service sends them (see assumeRolePolicy). */
  readonly guard?: TrustGuard;
  readonly statements: readonly PolicyStatement[];
}

/**
 * A role one AWS service assumes, with its one inline policy. Both are created directly in `scope`
 * with the ids `role` and `policy`, so a construct that owns one service role keeps the resource
 * addresses it always had.
 */
export function serviceRole(scope: Construct, props: ServiceRoleProps): IamRole {
  const { naming, purpose } = props;
  const role = new IamRole(scope, 'role', {
    name: naming.name('iamRole', 'role', purpose),
    assumeRolePolicy: assumeRolePolicy(props.service, props.guard),
  });
  new IamRolePolicy(scope, 'policy', {
    name: naming.name('iamPolicy', 'policy', purpose),
    role: role.id,
    policy: policyDocument(props.statements),
  });
  return role;
}
