/** One IAM policy statement; actions are always listed explicitly (no wildcards, see the governance rules). */
export interface PolicyStatement {
  readonly sid?: string;
  readonly effect?: 'Allow' | 'Deny';
  readonly actions: readonly string[];
  readonly resources?: readonly string[];
  /** Everything but these (only in Deny statements, where it narrows what is denied). */
  readonly notResources?: readonly string[];
  readonly principals?: Readonly<Record<string, string | readonly string[]>>;
  readonly conditions?: Readonly<Record<string, Readonly<Record<string, string | boolean | readonly string[]>>>>;
}

/**
 * Renders statements as an IAM policy JSON string. Tokens (e.g. `bucket.arn`) stay embedded as
 * strings and resolve at synth, so the synthesized policy remains readable for governance checks.
 */
export function policyDocument(statements: readonly PolicyStatement[]): string {
  return JSON.stringify({
    Version: '2012-10-17',
    Statement: statements.map((s) => ({
      ...(s.sid ? { Sid: s.sid } : {}),
      Effect: s.effect ?? 'Allow',
      ...(s.principals ? { Principal: s.principals } : {}),
      Action: [...s.actions].sort(),
      ...(s.resources ? { Resource: s.resources.length === 1 ? s.resources[0] : s.resources } : {}),
      ...(s.notResources ? { NotResource: s.notResources.length === 1 ? s.notResources[0] : s.notResources } : {}),
      ...(s.conditions ? { Condition: s.conditions } : {}),
    })),
  });
}

/** Who may pass a service's role assumption: the account, and the one resource acting (confused-deputy guard). */
export interface TrustGuard {
  readonly sourceAccount: string;
  /** ARN (or ARN pattern) of the resource the service acts for: a state machine, rule, pipe, schedule. */
  readonly sourceArn: string;
}

/**
 * Trust policy letting one AWS service assume a role. Services that send `aws:SourceArn` and
 * `aws:SourceAccount` (Step Functions, EventBridge, Pipes, Scheduler, flow logs) get both
 * conditions, so no other state machine or rule in the account can use the role; Lambda sends neither.
 */
export function assumeRolePolicy(service: string, guard?: TrustGuard): string {
  return policyDocument([
    {
      actions: ['sts:AssumeRole'],
      principals: { Service: service },
      ...(guard
        ? { conditions: { StringEquals: { 'aws:SourceAccount': guard.sourceAccount }, ArnLike: { 'aws:SourceArn': guard.sourceArn } } }
        : {}),
    },
  ]);
}

/**
 * On whose behalf a service principal may act on a resource (confused-deputy guard): exactly the
 * named resources (`aws:SourceArn`), or any resource of one account (`aws:SourceAccount`).
 */
export type ServiceSource = { readonly sourceArns: readonly string[] } | { readonly sourceAccount: string };

/**
 * A resource-policy statement letting one AWS service principal act, only on behalf of `source`:
 * `statement` names what it may do and where, this adds the principal and the source condition.
 */
export function allowService(service: string, source: ServiceSource, statement: Omit<PolicyStatement, 'principals' | 'conditions'>): PolicyStatement {
  return {
    ...statement,
    principals: { Service: service },
    conditions:
      'sourceArns' in source ? { ArnEquals: { 'aws:SourceArn': [...source.sourceArns] } } : { StringEquals: { 'aws:SourceAccount': source.sourceAccount } },
  };
}

/** Denies every action of a service over plain HTTP, to everyone (deny statements may use wildcards). */
export function denyInsecureTransport(actions: readonly string[], resources: readonly string[]): PolicyStatement {
  return {
    sid: 'DenyInsecureTransport',
    effect: 'Deny',
    principals: { AWS: '*' },
    actions,
    resources,
    conditions: { Bool: { 'aws:SecureTransport': false } },
  };
}
