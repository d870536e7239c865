export { formatConfigFailure } from './config-failure.js';
export { isConfigError, type ConfigProblem } from './config-error.js';
export { readCdktfContext } from './config-file.js';
export type { EnvironmentConfig, EnvironmentConfigInput } from './environment-config-schema.js';
export { loadEnvironmentConfig, overridesFromEnv, type ConfigOverrides } from './load-environment-config.js';
export { Naming } from './naming.js';
export type { NetworkConfig } from './schema/network-schema.js';
export type { AlertsConfig, BucketConfig, LambdaConfig, LogsConfig, TableConfig } from './schema/pipeline-schema.js';
export { loadBootstrapConfig, type BootstrapConfig } from './bootstrap-config-schema.js';
