export { bootstrapApp, environmentApp, sharedApp, workspaceRoot, type EnvironmentApp } from './stack/environment-app.js';
export { EnvironmentStack, REQUIRED_TAG_KEYS } from './stack/environment-stack.js';
export { SynthesizedStack, type TerraformJson } from './stack/synthesized-stack.js';
export { checkParity, type ParityEnvironment, type ParityProblem } from './inventory/environment-parity.js';
export { manifestMarkdown, resourceManifest, type ResourceManifest } from './inventory/resource-manifest.js';
export { BootstrapStack } from './bootstrap/bootstrap-stack.js';
export { SharedStack } from './shared/shared-stack.js';
export { SHARED_OUTPUTS, type SharedOutputName } from './shared/shared-outputs.js';
export { OFFLINE_OUTPUTS_COMMENT } from './stack/remote-stack-state.js';
