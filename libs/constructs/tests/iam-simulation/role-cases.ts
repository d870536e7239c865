import { WORKLOAD_CALLS, type CallTarget, type WorkloadCall, type WorkloadRole } from '../../src/iam/workload-calls.js';
import { objectKey, requestTarget, type RequestTarget } from './call-targets.js';
import type { EnvironmentView } from './environment-view.js';
import type { SimulationCase } from './simulate.js';

/** An account that is none of the environments' (for cross-account cases). */
export const FOREIGN_ACCOUNT = '999999999999';
const PREFIXES = ['raw/', 'processed/', 'quarantine/'] as const;
/** Targets that belong to one environment (as opposed to `*` or the role's own network plumbing). */
const ENVIRONMENT_DATA = /^(object:|table|key:|topic:|function:|state-machine|db-user:|master-secret)/;

const https = { 'aws:SecureTransport': 'true' };

/** The calls a role makes in this environment (tracing calls only where tracing is on). */
export function callsOf(view: EnvironmentView, role: WorkloadRole): WorkloadCall[] {
  return WORKLOAD_CALLS[role].filter((call) => call.onlyWhen !== 'tracing' || view.env.config.lambda.tracing);
}

function request(view: EnvironmentView, role: WorkloadRole, title: string, expected: SimulationCase['expected'], action: string, target: RequestTarget, context: Record<string, string> = {}): SimulationCase {
  return {
    title,
    expected,
    principal: view.roleArn(role),
    action,
    resource: target.resource,
    accountId: target.accountId,
    context: { ...https, ...target.context, ...context },
    identityPolicies: view.identityPolicies(role),
    ...(target.resourcePolicy ? { resourcePolicy: target.resourcePolicy } : {}),
  };
}

/** Must allow: every call the code makes, with the context the service adds. */
export function allowCases(view: EnvironmentView, role: WorkloadRole): SimulationCase[] {
  return callsOf(view, role).map((call) =>
    request(view, role, `allows ${call.api} (${call.action} on ${call.target}) for ${call.madeBy}`, 'Allowed', call.action, requestTarget(view, role, call.target)),
  );
}

/** The same target in another account: ARNs re-homed, a bucket the environment does not own. */
function foreign(target: RequestTarget, view: EnvironmentView): RequestTarget {
  const rehome = (value: string) => value.replaceAll(`:${view.accountId}:`, `:${FOREIGN_ACCOUNT}:`).replace(/^arn:aws:s3:::[^/]+/, 'arn:aws:s3:::exfiltration-bucket');
  return {
    resource: rehome(target.resource),
    accountId: FOREIGN_ACCOUNT,
    context: Object.fromEntries(Object.entries(target.context).map(([k, v]) => [k, k === 'kms:CallerAccount' ? v : rehome(v)])),
  };
}

const unique = (calls: WorkloadCall[]) => [...new Map(calls.map((c) => [`${c.action} ${c.target}`, c])).values()];

/** Must deny: other environments, untouchable prefixes, version deletes, plain HTTP, other accounts. */
export function denyCases(view: EnvironmentView, role: WorkloadRole, others: readonly EnvironmentView[]): SimulationCase[] {
  const calls = unique(callsOf(view, role));
  const dataCalls = calls.filter((c) => ENVIRONMENT_DATA.test(c.target));
  const object = (prefix: string) => requestTarget(view, role, `object:${prefix}` as CallTarget);
  const written = new Set(calls.filter((c) => c.action === 's3:PutObject').map((c) => c.target));
  const s3Calls = calls.filter((c) => c.action.startsWith('s3:'));
  return [
    ...others.flatMap((other) =>
      dataCalls.map((c) => request(view, role, `denies ${c.action} on ${other.env.name}'s ${c.target}`, 'Denied', c.action, requestTarget(other, role, c.target))),
    ),
    ...PREFIXES.filter((prefix) => !written.has(`object:${prefix}`)).map((prefix) =>
      request(view, role, `denies writing ${prefix}`, 'Denied', 's3:PutObject', object(prefix)),
    ),
    ...PREFIXES.map((prefix) => request(view, role, `denies deleting under ${prefix}`, 'Denied', 's3:DeleteObject', object(prefix))),
    ...PREFIXES.map((prefix) => request(view, role, `denies deleting object versions under ${prefix}`, 'Denied', 's3:DeleteObjectVersion', object(prefix))),
    // With S3 access the bucket policy must refuse plain HTTP explicitly; without, any deny will do.
    ...(s3Calls.length > 0
      ? s3Calls.map((c) => request(view, role, `denies ${c.action} on ${c.target} without TLS`, 'ExplicitlyDenied', c.action, requestTarget(view, role, c.target), { 'aws:SecureTransport': 'false' }))
      : [request(view, role, 'denies s3:GetObject without TLS', 'Denied', 's3:GetObject', object('raw/'), { 'aws:SecureTransport': 'false' })]),
    ...keyMisuseCases(view, role, calls),
    ...(role.startsWith('lambda-')
      ? [
          request(view, role, 'denies creating a network interface in a subnet that is not the function\'s', 'Denied', 'ec2:CreateNetworkInterface', {
            ...requestTarget(view, role, 'subnet'),
            resource: `arn:aws:ec2:${view.region}:${view.accountId}:subnet/subnet-0ffffffffffffffff`,
          }),
        ]
      : []),
    // The shared repository is meant to be in another account; another repository is the case to deny.
    ...calls
      .filter((c) => c.target !== '*' && c.target !== 'repository')
      .map((c) => request(view, role, `denies ${c.action} on ${c.target} in another account`, 'Denied', c.action, foreign(requestTarget(view, role, c.target), view))),
    ...calls
      .filter((c) => c.target === 'repository')
      .map((c) => {
        const target = requestTarget(view, role, 'repository');
        return request(view, role, `denies ${c.action} on another repository`, 'Denied', c.action, { ...target, resource: target.resource.replace(/[^/]+$/, 'someone-elses-image') });
      }),
  ];
}

/** KMS beyond the listed uses: direct calls, object keys it does not need, another bucket's context. */
function keyMisuseCases(view: EnvironmentView, role: WorkloadRole, calls: WorkloadCall[]): SimulationCase[] {
  const viaS3 = requestTarget(view, role, 'key:s3');
  const direct = { ...viaS3, context: { 'kms:CallerAccount': view.accountId } };
  const writesObjects = calls.some((c) => c.action === 'kms:GenerateDataKey' && c.target === 'key:s3');
  return [
    request(view, role, 'denies kms:Decrypt called directly, not through a service', 'Denied', 'kms:Decrypt', direct),
    request(view, role, 'denies kms:GenerateDataKey called directly, not through a service', 'Denied', 'kms:GenerateDataKey', direct),
    request(view, role, "denies kms:Decrypt through S3 for another bucket's objects", 'Denied', 'kms:Decrypt', {
      ...viaS3,
      context: { ...viaS3.context, 'kms:EncryptionContext:aws:s3:arn': 'arn:aws:s3:::another-bucket' },
    }),
    ...(writesObjects ? [] : [request(view, role, 'denies kms:GenerateDataKey through S3 (it writes no object)', 'Denied', 'kms:GenerateDataKey', viaS3)]),
  ];
}

/** The service that assumes each role, and the resource it acts for (null: the service sends no source ARN). */
export function trustOf(view: EnvironmentView, role: WorkloadRole): { service: string; sourceArn: string | null } {
  if (role.startsWith('lambda-')) return { service: 'lambda.amazonaws.com', sourceArn: null };
  if (role === 'sfn-pipeline') return { service: 'states.amazonaws.com', sourceArn: view.stateMachineArn };
  if (role === 'events-start-pipeline') return { service: 'events.amazonaws.com', sourceArn: view.ruleArn };
  if (role.startsWith('ecs-')) return { service: 'ecs-tasks.amazonaws.com', sourceArn: `arn:aws:ecs:${view.region}:${view.accountId}:task/console/0123456789abcdef0123456789abcdef` };
  return { service: 'vpc-flow-logs.amazonaws.com', sourceArn: `arn:aws:ec2:${view.region}:${view.accountId}:vpc-flow-log/fl-0123456789abcdef0` };
}

/** Trust: the service may assume the role for its own resource only, never for another one or account. */
export function trustCases(view: EnvironmentView, role: WorkloadRole): SimulationCase[] {
  const { service, sourceArn } = trustOf(view, role);
  const assume = (title: string, expected: SimulationCase['expected'], context: Record<string, string>): SimulationCase => ({
    title,
    expected,
    principal: service,
    action: 'sts:AssumeRole',
    resource: view.roleArn(role),
    accountId: view.accountId,
    context,
    identityPolicies: [],
    resourcePolicy: view.trustPolicy(role),
  });
  if (!sourceArn) return [assume(`lets ${service} assume the role`, 'Allowed', {})];
  // A flow log's id is unknown before it exists, so that trust names this account's flow logs in the
  // region (vpc-flow-log/*); for it, "another resource" is a flow log in another region. Likewise a
  // task's ARN: ECS tasks of the account in the region may assume the console roles (ECS checks
  // iam:PassRole when a task definition names them).
  const regional = role === 'vpc-flow-logs' || role.startsWith('ecs-');
  const otherInAccount = regional ? sourceArn.replace(`:${view.region}:`, ':eu-central-1:') : sourceArn.replace(/[^:/]+$/, 'someone-elses');
  return [
    assume(`lets ${service} assume the role for ${sourceArn}`, 'Allowed', { 'aws:SourceAccount': view.accountId, 'aws:SourceArn': sourceArn }),
    assume(`denies ${service} assuming the role for another resource of the account`, 'Denied', { 'aws:SourceAccount': view.accountId, 'aws:SourceArn': otherInAccount }),
    assume(`denies ${service} assuming the role for another account`, 'Denied', {
      'aws:SourceAccount': FOREIGN_ACCOUNT,
      'aws:SourceArn': sourceArn.replace(`:${view.accountId}:`, `:${FOREIGN_ACCOUNT}:`),
    }),
  ];
}

export { objectKey };
