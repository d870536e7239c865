/** The shapes the transaction processor reads and writes (SPEC §5). */
import type { RejectReason } from './field-table.js';
import type { TransactionIdIndex } from './transaction-id-index.js';

/** Every transaction status; the order is that of the three sums in a group (see DailyAggregator). */
export const TRANSACTION_STATUSES = ['settled', 'pending', 'reversed'] as const;

/** A transaction's lifecycle state; each has its own sum in {@link Aggregate}. */
export type TransactionStatus = (typeof TRANSACTION_STATUSES)[number];

/** A row that passed every rule, with money in exact integer minor units. */
export interface NormalizedRecord {
  transactionId: string;
  accountId: string;
  /** UTC, `yyyy-mm-ddThh:mm:ss.sss…Z`; at least 3 fraction digits, more kept when given. */
  timestamp: string;
  /** UTC calendar date of `timestamp`, `yyyy-mm-dd`. */
  date: string;
  currency: string;
  /** Amount in the currency's minor unit as an integer string, e.g. `"-1050"` for USD -10.50. */
  amountMinor: string;
  status: TransactionStatus;
  /** Omitted when the source has no merchant or an empty one. */
  merchant?: string;
}

/** A rejected row, kept whole so nothing is lost. */
export interface QuarantineEntry {
  /** 1-based physical line on which the record starts (the CSV header is line 1). */
  line: number;
  /** The row's transaction_id when it had a non-empty one, valid or not. */
  transactionId?: string;
  reason: RejectReason;
  /**
   * The original row's fields: CSV cells keyed by header name (cells beyond the header as `_<n>`,
   * `{}` for a malformed line); for JSON Lines the parsed object (`{}` for a malformed line).
   */
  record: Record<string, string | unknown>;
  /** The exact source line: for JSON Lines (`JSON.parse` rounds large numbers) and for a malformed CSV line. */
  raw?: string;
}

/** Totals for one (account, currency, UTC date). Sums are exact integer strings in minor units. */
export interface Aggregate {
  accountId: string;
  currency: string;
  date: string;
  transactionCount: number;
  settledMinor: string;
  pendingMinor: string;
  reversedMinor: string;
}

/** What a processed file produced besides the rows handed to the sinks. */
export interface ProcessingResult {
  /** `total = valid + quarantined`; blank lines and the CSV header are not records. */
  records: { total: number; valid: number; quarantined: number };
  /** Sorted by accountId, then currency, then date (plain code-unit order). */
  aggregates: Aggregate[];
  /** Bytes taken from the source as delivered (compressed bytes for `.gz`). */
  bytesRead: number;
  /** Bytes after gunzip; equals `bytesRead` for uncompressed files. */
  bytesDecoded: number;
}

/**
 * Where rows go. A returned promise is awaited before the next row is read, so a slow writer
 * slows the reader instead of growing a buffer.
 */
export interface ProcessSinks {
  /**
   * The valid rows as JSON Lines (UTF-8): one {@link NormalizedRecord} per line, exactly
   * `JSON.stringify(record)`, in file order. Called with whole lines only, about
   * {@link ProcessOptions.processedChunkBytes} at a time. The bytes are lent: they are reused once
   * the call returns or its promise settles, so a sink that keeps them must copy them.
   */
  processed(lines: Uint8Array): void | Promise<void>;
  quarantined(entry: QuarantineEntry): void | Promise<void>;
}

/** Tuning knobs; every one has a default that suits the pipeline Lambda. */
export interface ProcessOptions {
  /**
   * Supported currencies and their ISO 4217 minor digits.
   * @default SUPPORTED_CURRENCIES
   */
  readonly currencies?: ReadonlyMap<string, number>;
  /**
   * Longest line in bytes before the file is rejected as `record_too_large`; bounds memory for a
   * file without line breaks (a binary file, say).
   * @default 1_048_576
   */
  readonly maxRecordBytes?: number;
  /**
   * Size in bytes at which the buffered JSON lines of valid rows are handed to `sinks.processed`.
   * @default 65_536
   */
  readonly processedChunkBytes?: number;
  /**
   * Memory for remembering transaction ids (for `duplicate_id`), including the Bloom filter over
   * ids that spilled. Past it, ids spill to sorted runs on local disk: about (id length + 5) bytes
   * per id, e.g. ~400 MB of Lambda ephemeral storage for a 1 GiB file of UUID ids, and up to twice
   * that for a moment while the two largest runs are merged into one.
   * @default 67_108_864 (64 MiB)
   */
  readonly idMemoryBudgetBytes?: number;
  /**
   * Where a temporary directory for spilled ids is created, only when needed; it is deleted when
   * processing ends, whether it succeeds or throws.
   * @default os.tmpdir()
   */
  readonly spillDirectory?: string;
  /**
   * Ids to treat as seen on earlier rows before the first row is read: a shard of a fanned-out
   * file gets the ids of its rows whose first occurrence is on an earlier shard (fan-out/).
   * @default none
   */
  readonly knownIds?: Iterable<string> | AsyncIterable<string>;
  /**
   * Called once every row is done, before the id index is closed: a shard of a fanned-out file
   * reads its id run from the index (fan-out/index-id-run.ts) instead of from its output.
   * @default none
   */
  readonly onIdsDone?: (ids: TransactionIdIndex) => void;
}
