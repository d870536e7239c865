export * from './processing/index.js';
export { outputKeysOf, runKeyOf, type OutputKeys, type RunKey, type S3EventObject, type SourceObject } from './pipeline/source-object.js';
export { runSummary, type RunSummary } from './pipeline/summary.js';
export { failureFromWorkflowError, PERMANENT_ERROR_NAME, type PermanentFailure } from './runtime/failure.js';
