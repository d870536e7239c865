export { checkRunStore, FIRST_REJECTED_LINES, getRun, listRuns, RUN_STATUSES, type QuarantineReason, type RejectedLine, type RunDetail, type RunListItem, type RunPage, type RunStore } from './run-queries.js';
export { InvalidCursorError } from './run-cursor.js';
export type { AccountBalanceQueries, BalanceRange, DailyBalance } from './account-balances.js';
