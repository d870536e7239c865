/** Thrown at cold start when the function's configuration is incomplete. */
export class MissingEnvironmentError extends Error {
  constructor(readonly variables: readonly string[]) {
    super(`Missing required environment variable(s): ${variables.join(', ')}`);
    this.name = 'MissingEnvironmentError';
  }
}

/**
 * Reads the named variables once, at cold start, failing with every missing name at once
 * rather than with an `undefined` deep inside a request.
 */
export function requireEnv<const K extends string>(names: readonly K[], env: NodeJS.ProcessEnv = process.env): Record<K, string> {
  const missing = names.filter((name) => !env[name]);
  if (missing.length > 0) throw new MissingEnvironmentError(missing);
  return Object.fromEntries(names.map((name) => [name, env[name] as string])) as Record<K, string>;
}

/** The variables every pipeline handler needs; the stack sets them (DataPipeline construct). */
export const PIPELINE_ENV = ['TABLE_NAME', 'RAW_PREFIX', 'PROCESSED_PREFIX', 'QUARANTINE_PREFIX'] as const;
export type PipelineEnv = Record<(typeof PIPELINE_ENV)[number], string>;
