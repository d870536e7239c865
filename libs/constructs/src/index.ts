export {
  checkGovernance,
  governanceReport,
  resourcesOf,
  type GovernanceReport,
  type GovernanceSettings,
  type GovernanceViolation,
  type SuppressedFinding,
} from './aspects/check-governance.js';
export { suppressRule, suppressionsOf, type Suppression } from './aspects/suppressions.js';
export { GovernanceAspect } from './aspects/governance-aspect.js';
export { GOVERNANCE_RULES, WILDCARD_ONLY_ACTIONS, type GovernanceRule, type RuleContext, type SynthesizedResource } from './aspects/rules/index.js';
export { TaggingAspect } from './aspects/tagging-aspect.js';
export { HANDLER_ENTRY, LAMBDA_ARCHITECTURE, LAMBDA_RUNTIME } from './compute/lambda-platform.js';
export { DATA_PREFIXES, DataPipeline, HANDLER_NAMES, METRICS_NAMESPACE, type DataPipelineProps, type HandlerName, type PipelineArtifacts } from './data-pipeline.js';
export { policyDocument, type PolicyStatement } from './iam/policy-document.js';
export { actionsOn, WORKLOAD_CALLS, type CallTarget, type WorkloadCall, type WorkloadRole } from './iam/workload-calls.js';
export { bucketArn, eventRuleArn, stateMachineArn, tableArn, viaService, type ArnScope } from './iam/arns.js';
export { cidrSubnet } from './network/cidr.js';
export { Network } from './network/network.js';
export { ConsoleLoadBalancer, LOAD_BALANCER_LOG_PREFIX, MODERN_TLS_POLICY } from './service/console-load-balancer.js';
export { repositoryArn } from './service/console-roles.js';
export { CONSOLE_CONTAINER, CONSOLE_CPU_TARGET_PERCENT, ConsoleService } from './service/console-service.js';
export { PipelineConsole } from './service/pipeline-console.js';
export { dashboardBody, dashboardWidgets, PipelineDashboard } from './observability/pipeline-dashboard.js';
export { PipelineAlarms } from './observability/pipeline-alarms.js';
export type { MetricSpec, MonitoredResources } from './observability/monitored-resources.js';
export { Observability } from './observability/observability.js';
export { pipelineDefinition } from './orchestration/pipeline-definition.js';
export { METADATA_TABLE_SCHEMA } from './storage/metadata-table.js';
export { bootstrapApp, environmentApp, workspaceRoot, type EnvironmentApp } from './stack/environment-app.js';
export { EnvironmentStack, REQUIRED_TAG_KEYS, stateKey } from './stack/environment-stack.js';
export { DEPLOYMENT_RECORD_OUTPUT, DEPLOYMENT_RECORD_VARIABLE, DeploymentRecord, UNDEPLOYED_RECORD } from './stack/deployment-record.js';
export { STORE_PROTECTION, storeLifecycle } from './protection/store-protection.js';
export { SynthesizedStack, type TerraformJson } from './stack/synthesized-stack.js';
export { checkParity, topologyKey, type ParityEnvironment, type ParityProblem } from './inventory/environment-parity.js';
export { nameAttributeOf, physicalNameOf } from './inventory/physical-name.js';
export { manifestMarkdown, resourceManifest, type ManifestEntry, type ManifestSuppression, type ResourceManifest } from './inventory/resource-manifest.js';
export { BootstrapStack } from './bootstrap/bootstrap-stack.js';
export { githubSubject, githubTrustPolicy, GITHUB_OIDC_HOST, type GithubRepository } from './bootstrap/github-trust.js';
export { AuroraDatabase, DATABASE_NAME, DATABASE_PORT, DATABASE_USERS, MASTER_USERNAME, type AuroraDatabaseProps } from './database/aurora-database.js';
export { STATUS_API_ROUTES, StatusApi, type StatusApiProps } from './api/status-api.js';
export { StatusService, type StatusServiceProps } from './api/status-service.js';
