import { DailyAggregator } from './daily-aggregator.js';
import type { RecordValidator } from './record-validator.js';
import type { NormalizedRecord, ProcessSinks, ProcessingResult, QuarantineEntry, RejectReason } from './types.js';

/** What a format's row loop needs: the rules, where rows go, and the record size guard. */
export interface RowPipeline {
  readonly validator: RecordValidator;
  readonly router: RowRouter;
  readonly maxRecordBytes: number;
}

/** A pull reader of records (CSV) or lines (JSONL) over binary text. */
export interface PullReader<T> {
  push(text: string): void;
  end(): void;
  next(): T | undefined;
}

/**
 * Feeds `text` to `reader` chunk by chunk and hands every record to `handle`, awaiting the promise
 * it returns (a sink's backpressure) before taking the next record. Only one chunk is read ahead.
 */
export async function pumpRecords<T>(
  text: AsyncIterable<string>,
  reader: PullReader<T>,
  handle: (record: T) => void | Promise<void>,
): Promise<void> {
  const drain = async (): Promise<void> => {
    for (let record = reader.next(); record !== undefined; record = reader.next()) {
      const pending = handle(record);
      if (pending !== undefined) await pending;
    }
  };
  for await (const chunk of text) {
    reader.push(chunk);
    await drain();
  }
  reader.end();
  await drain();
}

/**
 * Counts every row, sends it to the right sink and feeds valid ones to the aggregates. Returns the
 * sink's promise (if any) so the reader can await it before reading on.
 */
export class RowRouter {
  private total = 0;
  private valid = 0;
  private quarantined = 0;
  private readonly aggregator = new DailyAggregator();

  constructor(private readonly sinks: ProcessSinks) {}

  /** A row that passed every rule. */
  accept(record: NormalizedRecord): void | Promise<void> {
    this.total++;
    this.valid++;
    this.aggregator.add(record);
    return this.sinks.valid(record);
  }

  /** A row that broke `reason`; `transactionId` is reported when non-empty. */
  reject(
    line: number,
    reason: RejectReason,
    transactionId: string | undefined,
    record: Record<string, unknown>,
    raw?: string,
  ): void | Promise<void> {
    this.total++;
    this.quarantined++;
    const entry: QuarantineEntry = { line, reason, record };
    if (transactionId !== undefined && transactionId.length > 0) entry.transactionId = transactionId;
    if (raw !== undefined) entry.raw = raw;
    return this.sinks.quarantined(entry);
  }

  /** Counts and sorted aggregates; bytes are filled in by the caller. */
  result(bytesRead: number, bytesDecoded: number): ProcessingResult {
    return {
      records: { total: this.total, valid: this.valid, quarantined: this.quarantined },
      aggregates: this.aggregator.results(),
      bytesRead,
      bytesDecoded,
    };
  }
}
