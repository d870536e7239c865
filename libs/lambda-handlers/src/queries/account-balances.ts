/**
 * Daily volumes and balances of one account, as the database holds them (SPEC §3.3: the daily
 * aggregates the load step writes). Issue 14 builds the database and the query behind this
 * interface; readers (the console, the status API) depend on this shape only.
 */
export interface DailyBalance {
  /** UTC date, YYYY-MM-DD. */
  readonly date: string;
  readonly currency: string;
  readonly transactionCount: number;
  /** Integer minor units as decimal strings: exact beyond 2^53. */
  readonly settledMinor: string;
  readonly pendingMinor: string;
  readonly reversedMinor: string;
}

export interface BalanceRange {
  readonly accountId: string;
  /** Inclusive UTC dates, YYYY-MM-DD. */
  readonly from: string;
  readonly to: string;
}

/** What a balances page needs. LEAD: wire this to issue 14's query module (accountBalances) when it lands. */
export interface AccountBalanceQueries {
  accountBalances(range: BalanceRange): Promise<readonly DailyBalance[]>;
  /** Proves the database answers (for /health), within the signal's deadline. */
  check(abortSignal: AbortSignal): Promise<void>;
}
