import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The real context of an environment app, so tests exercise the shipped config. */
export function appContext(environment: 'dev' | 'staging' | 'prod'): Record<string, unknown> {
  const file = join(import.meta.dirname, '..', '..', '..', 'apps', `infra-${environment}`, 'cdktf.json');
  return (JSON.parse(readFileSync(file, 'utf8')) as { context: Record<string, unknown> }).context;
}

/** A deep copy of `base` with the value at a dotted path replaced (or removed with `undefined`). */
export function withValue(base: Record<string, unknown>, path: string, value: unknown): Record<string, unknown> {
  const copy = structuredClone(base);
  const keys = path.split('.');
  let node: Record<string, unknown> = copy;
  for (const key of keys.slice(0, -1)) node = node[key] as Record<string, unknown>;
  const last = keys[keys.length - 1]!;
  if (value === undefined) delete node[last];
  else node[last] = value;
  return copy;
}
