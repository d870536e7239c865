import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { IamRolePolicyAttachment } from '@cdktf/provider-aws/lib/iam-role-policy-attachment';
import type { Naming } from '@data-platform/config';
import { Construct } from 'constructs';
import { suppressRule } from '../aspects/suppressions.js';
import { policyDocument, type PolicyStatement } from '../iam/policy-document.js';
import { githubSubject, githubTrustPolicy, type GithubRepository } from './github-trust.js';
import { githubRoleName, stateObjectArns, stateReadStatements, type GithubRoleKind, type StateRead } from './state-readers.js';

export interface GithubDeploymentRolesProps {
  readonly naming: Naming;
  readonly accountId: string;
  readonly project: string;
  /** The environment these roles plan and deploy. */
  readonly environment: string;
  readonly repository: GithubRepository;
  readonly oidcProviderArn: string;
  readonly stateBucketArn: string;
  readonly stateKeyArn: string;
  /** Region of the state bucket (the key is used only through S3 there). */
  readonly region: string;
  /** Also make a role for PR previews of this environment (GitHub environment `preview`). */
  readonly preview: boolean;
  /** Other stacks' states this environment reads through remote state: every role of it may read them. */
  readonly stateReads: readonly StateRead[];
}

/** Data-plane reads that ReadOnlyAccess allows and a plan never needs: a plan reads config, not data. */
const DATA_READS = [
  'dynamodb:BatchGetItem', 'dynamodb:GetItem', 'dynamodb:Query', 'dynamodb:Scan',
  'logs:FilterLogEvents', 'logs:GetLogEvents', 'logs:StartQuery',
  's3:GetObject', 's3:GetObjectVersion',
  'secretsmanager:GetSecretValue', 'sqs:ReceiveMessage',
];

/** IAM actions Terraform needs for the stack's own roles and their inline policies. */
const ROLE_MANAGEMENT = [
  'iam:CreateRole', 'iam:DeleteRole', 'iam:DeleteRolePolicy', 'iam:GetRole', 'iam:GetRolePolicy',
  'iam:ListAttachedRolePolicies', 'iam:ListInstanceProfilesForRole', 'iam:ListRolePolicies', 'iam:PassRole',
  'iam:PutRolePolicy', 'iam:TagRole', 'iam:UntagRole', 'iam:UpdateAssumeRolePolicy', 'iam:UpdateRole', 'iam:UpdateRoleDescription',
];

/**
 * The two roles CI assumes for one environment (SPEC §4):
 * - **plan**: read-only, trusted for pull requests and for `main` (whose plan jobs run before any
 *   approval): AWS ReadOnlyAccess minus data-plane reads, its state read, and the lock file
 *   written, nothing else mutating;
 * - **deploy**: trusted only for jobs in the GitHub environment of the same name, whose protection
 *   rules (prod's reviewers) therefore gate every use: PowerUserAccess, IAM only on the stack's
 *   own `role-{env}-*` roles, and its state read and written.
 * Optionally a **preview** deploy role (GitHub environment `preview`) confined to `pr*` state keys
 * and `*-pr*` role names.
 */
export class GithubDeploymentRoles extends Construct {
  readonly planRole: IamRole;
  readonly deployRole: IamRole;
  readonly previewRole: IamRole | undefined;
  private readonly accountId: string;

  constructor(scope: Construct, id: string, props: GithubDeploymentRolesProps) {
    super(scope, id);
    this.accountId = props.accountId;
    const { environment, repository, naming } = props;
    const statePrefix = `${props.stateBucketArn}/${props.project}/${environment}/`;
    const listState = (prefix: string): PolicyStatement => ({
      sid: 'ListState',
      actions: ['s3:ListBucket'],
      resources: [props.stateBucketArn],
      conditions: { StringLike: { 's3:prefix': [`${props.project}/${environment}/${prefix}`] } },
    });
    // Only through S3 and only for the state bucket (it uses S3 Bucket Keys, so the context is the bucket ARN).
    const useStateKey: PolicyStatement = {
      sid: 'StateKey',
      actions: ['kms:Decrypt', 'kms:GenerateDataKey'],
      resources: [props.stateKeyArn],
      conditions: { StringEquals: { 'kms:ViaService': `s3.${props.region}.amazonaws.com`, 'kms:EncryptionContext:aws:s3:arn': props.stateBucketArn } },
    };

    // A plan, a deploy and a preview all evaluate the environment's terraform_remote_state reads.
    const readOtherStates = stateReadStatements(props.stateReads);

    this.planRole = this.role('plan', environment, naming, githubTrustPolicy(props.oidcProviderArn, [githubSubject.pullRequest(repository), githubSubject.branch(repository, 'main')]));
    new IamRolePolicyAttachment(this, 'plan-read-only', { role: this.planRole.name, policyArn: 'arn:aws:iam::aws:policy/ReadOnlyAccess' });
    this.inlinePolicy('plan', environment, naming, this.planRole, [
      listState('*'),
      { sid: 'ReadState', actions: ['s3:GetObject'], resources: [`${statePrefix}*`] },
      // use_lockfile: a plan takes the lock by writing <key>.tflock and deletes it when done.
      { sid: 'StateLock', actions: ['s3:DeleteObject', 's3:PutObject'], resources: [`${statePrefix}*.tflock`] },
      useStateKey,
      ...readOtherStates,
      { sid: 'NoDataReads', effect: 'Deny', actions: DATA_READS, notResources: [`${props.stateBucketArn}/*`, ...stateObjectArns(props.stateReads)] },
    ]);

    this.deployRole = this.role('deploy', environment, naming, githubTrustPolicy(props.oidcProviderArn, [githubSubject.environment(repository, environment)]));
    this.deployPolicies('deploy', environment, naming, this.deployRole, statePrefix, `role-${environment}-*`, [listState('*'), useStateKey, ...readOtherStates]);

    this.previewRole = props.preview
      ? this.role('preview', environment, naming, githubTrustPolicy(props.oidcProviderArn, [githubSubject.environment(repository, 'preview')]))
      : undefined;
    if (this.previewRole) {
      this.deployPolicies('preview', environment, naming, this.previewRole, `${statePrefix}pr`, `role-${environment}-*-pr*`, [listState('pr*'), useStateKey, ...readOtherStates]);
    }
  }

  private role(kind: GithubRoleKind, environment: string, naming: Naming, trust: string): IamRole {
    return new IamRole(this, `${kind}-role`, {
      name: githubRoleName(naming, kind, environment),
      description: `GitHub Actions ${kind} role of ${environment}`,
      assumeRolePolicy: trust,
      maxSessionDuration: 3600,
    });
  }

  private inlinePolicy(kind: string, environment: string, naming: Naming, role: IamRole, statements: PolicyStatement[]): void {
    new IamRolePolicy(this, `${kind}-policy`, { name: naming.name('iamPolicy', 'policy', `github-${kind}-${environment}`), role: role.id, policy: policyDocument(statements) });
  }

  private deployPolicies(kind: string, environment: string, naming: Naming, role: IamRole, stateObjects: string, roleNames: string, stateAccess: PolicyStatement[]): void {
    const powerUser = new IamRolePolicyAttachment(this, `${kind}-power-user`, { role: role.name, policyArn: 'arn:aws:iam::aws:policy/PowerUserAccess' });
    suppressRule(
      powerUser,
      'iam-no-managed-admin-policy',
      'The deploy role creates every resource type of the stack; IAM (which PowerUserAccess leaves out) is granted only on its own role names. A scoped deploy policy is the follow-up.',
    );
    this.inlinePolicy(kind, environment, naming, role, [
      { sid: 'ReadWriteState', actions: ['s3:DeleteObject', 's3:GetObject', 's3:PutObject'], resources: [`${stateObjects}*`] },
      ...stateAccess,
      { sid: 'StackRoles', actions: ROLE_MANAGEMENT, resources: [`arn:aws:iam::${this.accountId}:role/${roleNames}`] },
    ]);
  }
}
