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

/**
 * Trust policy letting one AWS service assume a role. `sourceAccount` adds the confused-deputy
 * guard for services that send `aws:SourceAccount` (Step Functions, EventBridge); Lambda does not.
 */
export function assumeRolePolicy(service: string, sourceAccount?: string): string {
  return policyDocument([
    {
      actions: ['sts:AssumeRole'],
      principals: { Service: service },
      ...(sourceAccount ? { conditions: { StringEquals: { 'aws:SourceAccount': sourceAccount } } } : {}),
    },
  ]);
}
