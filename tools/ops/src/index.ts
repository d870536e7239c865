export { environmentOutputs, outputsPath, type EnvironmentOutputs } from './environment-outputs.js';
export { describeExecution, EXECUTION_STATUSES, listExecutions, redriveExecution, type ExecutionLine } from './executions.js';
export { OpsError } from './ops-error.js';
export { runOps, USAGE, type OpsIo } from './ops-cli.js';
export { QUARANTINE_PREFIX, quarantinedSourceOf, RAW_PREFIX, replayQuarantined, type ReplayResult } from './replay.js';
