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

/** A config file that cannot be read as JSON: the message names the file, line and column. */
export class ConfigFileError extends Error {
  constructor(
    readonly file: string,
    readonly line: number,
    readonly column: number,
    reason: string,
  ) {
    super(`Invalid configuration file ${file}:${line}:${column}: ${reason}`);
    this.name = 'ConfigFileError';
  }
}

/** Whether `error` is one of the config errors whose message says all there is to say. */
export function isConfigError(error: unknown): error is ConfigError | ConfigFileError {
  return error instanceof ConfigError || error instanceof ConfigFileError;
}

/** What a schema says about the keys allowed at a path, for unknown-key messages. */
export type AllowedKeys = (path: readonly PropertyKey[]) => readonly string[] | undefined;

/**
 * Turns zod issues into problems that name the path, the bad value and the allowed values. An
 * unknown key is reported at its own path, with the keys allowed there and the closest one.
 */
export function problemsFromIssues(issues: readonly z.core.$ZodIssue[], input: unknown, allowedKeys: AllowedKeys = () => undefined): ConfigProblem[] {
  return issues.flatMap((issue): ConfigProblem[] => {
    if (issue.code === 'unrecognized_keys') {
      const allowed = allowedKeys(issue.path);
      return issue.keys.map((key) => ({
        path: pathText([...issue.path, key]),
        value: valueAt(input, [...issue.path, key]),
        allowed: unknownKeyHint(key, allowed),
      }));
    }
    return [{ path: pathText(issue.path), value: valueAt(input, issue.path), allowed: allowedFor(issue) }];
  });
}

function pathText(path: readonly PropertyKey[]): string {
  return path.length > 0 ? path.map(String).join('.') : '(root)';
}

function unknownKeyHint(key: string, allowed: readonly string[] | undefined): string {
  if (allowed === undefined) return 'unknown key; remove it or fix the spelling';
  const closest = closestName(key, allowed);
  return `unknown key${closest ? ` (did you mean "${closest}"?)` : ''}; allowed keys: ${allowed.join(', ')}`;
}

/** The allowed name within edit distance 3 of `name` (case-insensitive), if any. */
function closestName(name: string, allowed: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = 4;
  for (const candidate of allowed) {
    const distance = editDistance(name.toLowerCase(), candidate.toLowerCase());
    if (distance < bestDistance) [best, bestDistance] = [candidate, distance];
  }
  return best;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length]!;
}

/**
 * The allowed range of a too_small / too_big issue: item counts for arrays, lengths for strings,
 * a comparison for numbers (`side` is "least" for a minimum, "most" for a maximum).
 */
function boundText(origin: string, bound: unknown, side: 'least' | 'most', exactly: 'exactly' | undefined, comparison: string): string {
  if (origin === 'array') return `must have ${exactly ?? `at ${side}`} ${String(bound)} item(s)`;
  if (origin === 'string') return `must be at ${side} ${String(bound)} character(s)`;
  return `must be ${comparison} ${String(bound)}`;
}

function allowedFor(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case 'invalid_value':
      return `allowed: ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`;
    case 'invalid_type':
      return `expected ${issue.expected}`;
    case 'too_small':
      return boundText(issue.origin, issue.minimum, 'least', issue.exact ? 'exactly' : undefined, issue.inclusive ? '>=' : '>');
    case 'too_big':
      return boundText(issue.origin, issue.maximum, 'most', issue.exact ? 'exactly' : undefined, issue.inclusive ? '<=' : '<');
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
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}
