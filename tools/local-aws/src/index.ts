export { LOCAL_CREDENTIALS, REAL_AWS_VARIABLES, dynamodbClientConfig, localAwsEnvironment, s3ClientConfig, type LocalEndpoints } from './client-config.js';
export { dumpBucket, dumpLocalAws, dumpTable, listKeys, scanTable, type DumpResult } from './dump.js';
export type { EmulatedService, EmulatorStats, FaultRule, InjectedFault } from './fault-rule.js';
export { LocalAws, type LocalAwsOptions } from './local-aws.js';
export { createTableInput, provisionFromStack, type ProvisionedResources, type SynthesizedResources } from './provision.js';
export { LocalDatabase } from './local-database.js';
export { pipelineStackFixture, type PipelineStackFixtureOptions } from './pipeline-stack-fixture.js';
