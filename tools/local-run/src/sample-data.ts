import { TRANSACTION_CSV_HEADER, transactionRows } from '@data-platform/workspace/transaction-rows';

/** Few accounts, so the summary's daily aggregates stay readable. */
const SAMPLE_ACCOUNTS = 5;
/** About 3 % of the rows are broken on purpose, so the quarantine path shows up in the summary. */
const SAMPLE_BROKEN_SHARE = 0.03;

/**
 * A local run's default input: `rows` transactions from the workspace's transaction generator
 * (the one the benchmarks use), and the reject reason of each row broken on purpose, by data row
 * number (1 = the first row after the header).
 */
export function sampleTransactions(rows = 300, seed = 20240301): { csv: string; rows: number; brokenRows: Array<{ row: number; reason: string }> } {
  const lines = [TRANSACTION_CSV_HEADER];
  const brokenRows: Array<{ row: number; reason: string }> = [];
  for (const { line, reason } of transactionRows({ seed, rows, accounts: SAMPLE_ACCOUNTS, brokenShare: SAMPLE_BROKEN_SHARE })) {
    lines.push(line);
    if (reason !== undefined) brokenRows.push({ row: lines.length - 1, reason });
  }
  return { csv: `${lines.join('\n')}\n`, rows, brokenRows };
}

/** Reasons the default sample's broken rows are expected to get, by data row number. */
export const SAMPLE_BAD_ROWS: ReadonlyArray<{ readonly row: number; readonly reason: string }> = sampleTransactions().brokenRows;
