import { ConfigError, problemsFromIssues, type ConfigProblem } from './config-error.js';
import { environmentConfigSchema, type EnvironmentConfig } from './environment-config-schema.js';
import { allowedKeysOf } from './schema-keys.js';

/** Where a config value may come from besides the app's cdktf.json context. */
export interface ConfigOverrides {
  /** `ENVIRONMENT_SUFFIX`: PR (preview) environments and uniqueness. */
  readonly environmentSuffix?: string | undefined;
  /**
   * The environment the app is for (`staging` for apps/infra-staging): the config's `environment`
   * must be this, or staging would get prod's names and state key.
   */
  readonly expectedEnvironment?: string | undefined;
}

/**
 * Validates an environment's raw context (from its `cdktf.json`), applying overrides from the
 * process environment. A suffix other than the configured one makes a preview environment: it has
 * its own names and state, and data protection is off so closing the PR can destroy it.
 * Throws a {@link ConfigError} that lists every problem at once.
 */
export function loadEnvironmentConfig(context: unknown, overrides: ConfigOverrides = {}): EnvironmentConfig {
  const raw = { ...(isRecord(context) ? context : {}) };
  if (overrides.environmentSuffix && overrides.environmentSuffix !== raw['environmentSuffix']) {
    raw['environmentSuffix'] = overrides.environmentSuffix;
    raw['protection'] = false;
  }
  const result = environmentConfigSchema.safeParse(raw);
  const problems: ConfigProblem[] = result.success ? [] : problemsFromIssues(result.error.issues, raw, allowedKeysOf(environmentConfigSchema));
  const expected = overrides.expectedEnvironment;
  if (expected !== undefined && raw['environment'] !== expected) {
    problems.unshift({ path: 'environment', value: raw['environment'], allowed: `this is the ${expected} app: must be "${expected}"` });
  }
  if (problems.length > 0 || !result.success) {
    const environment = expected ?? (typeof raw['environment'] === 'string' ? raw['environment'] : '(unnamed)');
    throw new ConfigError(environment, problems);
  }
  return result.data;
}

/** Reads the overrides this product documents from a process environment. */
export function overridesFromEnv(env: NodeJS.ProcessEnv): ConfigOverrides {
  return { environmentSuffix: env['ENVIRONMENT_SUFFIX'] || undefined };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
