export { bootstrapApp, environmentApp, type EnvironmentApp } from './stack/environment-app.js';
export { EnvironmentStack, REQUIRED_TAG_KEYS } from './stack/environment-stack.js';
export { SynthesizedStack, type TerraformJson } from './stack/synthesized-stack.js';
export { checkParity, type ParityEnvironment, type ParityProblem } from './inventory/environment-parity.js';
export { manifestMarkdown, resourceManifest, type ResourceManifest } from './inventory/resource-manifest.js';
export { BootstrapStack } from './bootstrap/bootstrap-stack.js';
export { DATA_PREFIXES } from './data-pipeline.js';
