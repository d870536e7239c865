/**
 * What other projects read from the pipeline's output: the run summary and the rows it reports.
 * The handlers themselves are deployed as bundles (see ./artifacts) and reached by the e2e check
 * through `./handlers/*`; everything else is internal to this project and its tests.
 */
export type { RunSummary } from './pipeline/summary.js';
export type { Aggregate, QuarantineEntry } from './processing/types.js';
