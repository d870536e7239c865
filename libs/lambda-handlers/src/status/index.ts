/**
 * The read side shared by the status API and the console: {@link statusQueries} (listRuns, getRun,
 * accountBalances) over the metadata table and the database, and the API's request handling.
 */
export { statusQueries, RUNS_INDEX, type DailyBalance, type RunsPage, type RunsPageResult, type StatusQueries, type StatusQueriesDeps } from './status-queries.js';
export { RUN_STATUSES, runView, type RunStatus, type RunView } from './run-view.js';
export { InvalidCursorError } from './runs-cursor.js';
export { handleStatusRequest, MAX_BALANCE_DAYS, type ApiRequest, type ApiResponse } from './status-api.js';
export { FIRST_REJECTED_LINES, runOutputs, type QuarantineReason, type RejectedLine, type RunOutputs } from './run-outputs.js';
export { outputKeysOf, type OutputKeys, type RunPrefixes } from '../pipeline/source-object.js';
// Minor digits per currency: readers format exact amounts with them.
export { SUPPORTED_CURRENCIES } from '../processing/currencies.js';
