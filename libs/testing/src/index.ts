export { describeEnvironment, type EnvironmentExpectations } from './describe-environment.js';
export { chromiumPath, describeWithBrowser } from './browser-tier.js';
export { describeConsole, type ConsoleExpectations } from './describe-console.js';
export { describeTerraformTier, describeWithTerraform, ENVIRONMENT_RESOURCE_COUNTS, terraformUnavailableReason } from './terraform-tier.js';
export { synthesizedApp, WORKSPACE_ROOT } from './workspace-paths.js';
export { describeSpecColumn, specColumn, SPEC_ENVIRONMENTS, type SpecEnvironment } from './describe-spec-column.js';
