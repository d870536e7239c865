import type { SynthesizedResource } from './rule.js';

/** One statement of an IAM-style policy document, as written (single values or lists). */
export interface Statement {
  readonly Sid?: string;
  readonly Effect?: string;
  readonly Principal?: string | Readonly<Record<string, string | readonly string[]>>;
  readonly Action?: string | readonly string[];
  readonly NotAction?: string | readonly string[];
  readonly Resource?: string | readonly string[];
  readonly NotResource?: string | readonly string[];
  readonly Condition?: Readonly<Record<string, Readonly<Record<string, unknown>>>>;
}

/** Attributes that hold a policy document, per resource type. */
export const POLICY_ATTRIBUTES: Readonly<Record<string, readonly string[]>> = {
  aws_iam_role: ['assume_role_policy'],
  aws_iam_role_policy: ['policy'],
  aws_iam_policy: ['policy'],
  aws_kms_key: ['policy'],
  aws_kms_key_policy: ['policy'],
  aws_s3_bucket_policy: ['policy'],
  aws_sns_topic_policy: ['policy'],
  aws_sqs_queue_policy: ['policy'],
  aws_vpc_endpoint: ['policy'],
};

/** Identity policies: what a role may do (as opposed to resource and trust policies). */
export const IDENTITY_POLICY_TYPES = new Set(['aws_iam_role_policy', 'aws_iam_policy']);

export const asList = <T>(value: T | readonly T[] | undefined): T[] => (value === undefined ? [] : ([] as T[]).concat(value));

/** A parsed policy attribute, or the reason it could not be parsed. */
export type ParsedPolicy = { readonly attribute: string; readonly statements: Statement[] } | { readonly attribute: string; readonly error: string };

/** Every policy document a resource carries, parsed. */
export function policiesOf(resource: SynthesizedResource): ParsedPolicy[] {
  return (POLICY_ATTRIBUTES[resource.type] ?? []).flatMap((attribute): ParsedPolicy[] => {
    const text = resource.config[attribute];
    if (typeof text !== 'string') return [];
    try {
      const document = JSON.parse(text) as { Statement?: Statement | Statement[] };
      return [{ attribute, statements: asList(document.Statement) }];
    } catch {
      return [{ attribute, error: `${attribute} is not a JSON policy document, so it cannot be checked` }];
    }
  });
}

/** The statements of every policy a resource carries; unparsable documents become problems. */
export function statementsOf(resource: SynthesizedResource): { statements: Array<Statement & { attribute: string }>; problems: string[] } {
  const statements: Array<Statement & { attribute: string }> = [];
  const problems: string[] = [];
  for (const policy of policiesOf(resource)) {
    if ('error' in policy) problems.push(policy.error);
    else statements.push(...policy.statements.map((s) => ({ ...s, attribute: policy.attribute })));
  }
  return { statements, problems };
}

export const isAllow = (s: Statement): boolean => (s.Effect ?? 'Allow') === 'Allow';

/** Principal values of one kind (`AWS`, `Service`, ...), or `['*']` for `Principal: "*"`. */
export function principalsOf(s: Statement, kind: string): string[] {
  if (s.Principal === undefined) return [];
  if (typeof s.Principal === 'string') return [s.Principal];
  return asList(s.Principal[kind]);
}

export const hasWildcardPrincipal = (s: Statement): boolean => s.Principal === '*' || principalsOf(s, 'AWS').includes('*');

/** The value a statement's condition sets on `key` (any operator, case-insensitive key). */
export function conditionValues(s: Statement, key: string, operators?: readonly string[]): string[] {
  const wanted = key.toLowerCase();
  return Object.entries(s.Condition ?? {})
    .filter(([operator]) => !operators || operators.includes(operator))
    .flatMap(([, clauses]) => Object.entries(clauses).filter(([k]) => k.toLowerCase() === wanted).flatMap(([, v]) => asList(v as string)))
    .map(String);
}

export const hasCondition = (s: Statement, key: string): boolean => conditionValues(s, key).length > 0;

/** True for a deny of insecure transport: `aws:SecureTransport` false under Bool or BoolIfExists. */
export const deniesInsecureTransport = (s: Statement): boolean =>
  s.Effect === 'Deny' && conditionValues(s, 'aws:SecureTransport', ['Bool', 'BoolIfExists']).some((v) => v === 'false');

/** Whether `action` is covered by a statement's actions, honouring IAM wildcards (case-insensitive). */
export function coversAction(actions: readonly string[], action: string): boolean {
  return actions.some((pattern) => new RegExp(`^${pattern.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replaceAll('*', '.*')}$`, 'i').test(action));
}
