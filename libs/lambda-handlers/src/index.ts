export * from './processing/index.js';
export { outputKeysOf, runKeyOf, sourceObjectOf, type OutputKeys, type RunKey, type RunPrefixes, type S3EventObject, type SourceObject } from './pipeline/source-object.js';
export { runSummary, type RunSummary } from './pipeline/summary.js';
export { MissingEnvironmentError, PIPELINE_ENV, requireEnv, type PipelineEnv } from './runtime/env.js';
export {
  asWorkflowError,
  failureFromWorkflowError,
  isTransient,
  PERMANENT_ERROR_NAME,
  TransientError,
  type PermanentFailure,
} from './runtime/failure.js';
export { failureAlert, type FailedRun, type FailureAlert } from './pipeline/failure-alert.js';
