import { runSimulation, type Simulation } from '@cloud-copilot/iam-simulate';

/** One request to simulate and the decision it must get. */
export interface SimulationCase {
  readonly title: string;
  /** `Denied` accepts an implicit or explicit deny; `ExplicitlyDenied` demands a Deny statement. */
  readonly expected: 'Allowed' | 'Denied' | 'ExplicitlyDenied';
  readonly principal: string;
  readonly action: string;
  readonly resource: string;
  readonly accountId: string;
  readonly context: Readonly<Record<string, string>>;
  readonly identityPolicies: ReadonlyArray<{ name: string; policy: object }>;
  readonly resourcePolicy?: object;
}

export type Decision = 'Allowed' | 'ExplicitlyDenied' | 'ImplicitlyDenied';

/**
 * iam-simulate's request validation drops `kms:EncryptionContext:<key>` (it only understands
 * variable keys written with a slash, like `aws:PrincipalTag/<key>`), so every encryption-context
 * condition would fail. The suite renames that key family, in the policies and in the request alike,
 * to a slash-variable key the simulator keeps; string conditions then evaluate exactly as written.
 */
const ENCRYPTION_CONTEXT = /^kms:encryptioncontext:/i;
const CONTEXT_ALIAS = 'aws:PrincipalTag/kms-encryption-context:';
const alias = (key: string) => key.replace(ENCRYPTION_CONTEXT, CONTEXT_ALIAS);

function aliasConditionKeys(document: unknown): unknown {
  if (Array.isArray(document)) return document.map(aliasConditionKeys);
  if (!document || typeof document !== 'object') return document;
  return Object.fromEntries(Object.entries(document).map(([key, value]) => [alias(key), aliasConditionKeys(value)]));
}

/**
 * Runs one case offline. Every request is validated (actions, resource ARNs, context keys), and a
 * context key the simulator ignores fails the case, so no condition is silently skipped.
 */
export async function simulate(c: SimulationCase): Promise<Decision> {
  const simulation: Simulation = {
    request: {
      principal: c.principal,
      action: c.action,
      resource: { resource: c.resource, accountId: c.accountId },
      contextVariables: Object.fromEntries(Object.entries(c.context).map(([key, value]) => [alias(key), value])),
    },
    identityPolicies: c.identityPolicies.map((p) => ({ name: p.name, policy: aliasConditionKeys(p.policy) })),
    serviceControlPolicies: [],
    resourceControlPolicies: [],
    ...(c.resourcePolicy ? { resourcePolicy: aliasConditionKeys(c.resourcePolicy) } : {}),
  };
  const result = await runSimulation(simulation, {});
  if (result.resultType === 'error') throw new Error(`${c.title}: simulation rejected the request: ${JSON.stringify(result.errors)}`);
  if (result.resultType === 'single' && (result.result.ignoredContextKeys ?? []).length > 0) {
    throw new Error(`${c.title}: simulator ignored context keys ${result.result.ignoredContextKeys!.join(', ')}`);
  }
  return result.overallResult as Decision;
}

export const satisfies = (decision: Decision, expected: SimulationCase['expected']) =>
  expected === 'Denied' ? decision !== 'Allowed' : decision === expected;

/**
 * A case for a request by a role over TLS: the principal's ARN and account are in the context, as
 * AWS puts them, beside any extra keys the request carries.
 */
export function requestByRole(
  c: Omit<SimulationCase, 'principal' | 'context'> & { readonly roleArn: string; readonly context?: Readonly<Record<string, string>> },
): SimulationCase {
  const { roleArn, context = {}, ...rest } = c;
  const principalAccount = roleArn.split(':')[4]!;
  return { ...rest, principal: roleArn, context: { 'aws:SecureTransport': 'true', 'aws:PrincipalArn': roleArn, 'aws:PrincipalAccount': principalAccount, ...context } };
}
