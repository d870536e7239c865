import type { z } from 'zod';

/** One problem in an environment's config: where it is, what was there, what is allowed. */
export interface ConfigProblem {
  readonly path: string;
  readonly value: unknown;
  readonly allowed: string;
}

/** Thrown when an environment's config is invalid; the message lists every problem, one per line. */
export class ConfigError extends Error {
  constructor(
    readonly environment: string,
    readonly problems: readonly ConfigProblem[],
  ) {
    super(
      [
        `Invalid configuration for environment '${environment}' (${problems.length} problem${problems.length === 1 ? '' : 's'}):`,
        ...problems.map((p) => `  - ${p.path}: got ${describeValue(p.value)}; ${p.allowed}`),
      ].join('\n'),
    );
    this.name = 'ConfigError';
  }
}

/** Turns zod issues into problems that name the path, the bad value and the allowed values. */
export function problemsFromIssues(issues: readonly z.core.$ZodIssue[], input: unknown): ConfigProblem[] {
  return issues.map((issue) => ({
    path: issue.path.length > 0 ? issue.path.join('.') : '(root)',
    value: valueAt(input, issue.path),
    allowed: allowedFor(issue),
  }));
}

function allowedFor(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case 'invalid_value':
      return `allowed: ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`;
    case 'invalid_type':
      return `expected ${issue.expected}`;
    case 'too_small':
      return issue.origin === 'array'
        ? `must have ${issue.exact ? 'exactly' : 'at least'} ${issue.minimum} item(s)`
        : issue.origin === 'string'
          ? `must be at least ${issue.minimum} character(s)`
          : `must be ${issue.inclusive ? '>=' : '>'} ${issue.minimum}`;
    case 'too_big':
      return issue.origin === 'array'
        ? `must have ${issue.exact ? 'exactly' : 'at most'} ${issue.maximum} item(s)`
        : issue.origin === 'string'
          ? `must be at most ${issue.maximum} character(s)`
          : `must be ${issue.inclusive ? '<=' : '<'} ${issue.maximum}`;
    case 'unrecognized_keys':
      return `unknown key(s) ${issue.keys.join(', ')}; remove them or fix the spelling`;
    case 'invalid_union':
      return 'does not match any allowed shape (check "mode" and its fields)';
    case 'not_multiple_of':
      return `must be a multiple of ${String(issue.divisor)}`;
    default:
      return issue.message;
  }
}

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let current: unknown = input;
  for (const key of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<PropertyKey, unknown>)[key];
  }
  return current;
}

function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  const text = JSON.stringify(value);
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}
