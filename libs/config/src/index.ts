export { ConfigError, ConfigFileError, isConfigError, type ConfigProblem } from './config-error.js';
export { parseConfigJson, readCdktfContext } from './config-file.js';
export { formatConfigFailure } from './config-failure.js';
export {
  environmentConfigSchema,
  type EnvironmentConfig,
  type EnvironmentConfigInput,
} from './environment-config-schema.js';
export { loadEnvironmentConfig, overridesFromEnv, type ConfigOverrides } from './load-environment-config.js';
export { NAME_RULES, Naming, NamingError, type NameKind, type NamingContext } from './naming.js';
export { LOG_RETENTION_DAYS } from './schema/primitives.js';
export type { NetworkConfig } from './schema/network-schema.js';
export type { AlertsConfig, BucketConfig, LambdaConfig, LogsConfig, TableConfig } from './schema/pipeline-schema.js';
export type { AlarmsConfig, ApiConfig, BackendConfig, DatabaseConfig, ServiceConfig } from './schema/platform-schema.js';
export { bootstrapConfigSchema, loadBootstrapConfig, type BootstrapConfig } from './bootstrap-config-schema.js';
