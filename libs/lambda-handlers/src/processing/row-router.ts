import type { CurrencyTable } from './currencies.js';
import { DailyAggregator } from './daily-aggregator.js';
import { ProcessedLinesWriter } from './processed-lines.js';
import type { ProcessorCore } from './processor-core.js';
import type { RecordValidator } from './record-validator.js';
import type { TransactionIdIndex } from './transaction-id-index.js';
import type { RejectReason } from './field-table.js';
import type { NormalizedRecord, ProcessSinks, ProcessingResult, QuarantineEntry } from './types.js';

/** What a format's row loop needs: the rules, where rows go, and the record size guard. */
export interface RowPipeline {
  readonly core: ProcessorCore;
  readonly ids: TransactionIdIndex;
  readonly validator: RecordValidator;
  readonly router: RowRouter;
  readonly maxRecordBytes: number;
}

/** A pull reader of records (CSV) or lines (JSONL) over the file's bytes. */
export interface PullReader<T> {
  push(chunk: Uint8Array): void;
  end(): void;
  next(): T | undefined;
}

/**
 * Feeds `chunks` to `reader` one by one and hands every record to `handle`, awaiting the promise
 * it returns (a sink's backpressure) before taking the next record. It holds one chunk at a time
 * (the source may have requested one more, see fileBytes).
 */
export async function pumpRecords<T>(
  chunks: AsyncIterable<Uint8Array>,
  reader: PullReader<T>,
  handle: (record: T) => void | Promise<void>,
): Promise<void> {
  const drain = async (): Promise<void> => {
    for (let record = reader.next(); record !== undefined; record = reader.next()) {
      const pending = handle(record);
      if (pending !== undefined) await pending;
    }
  };
  for await (const chunk of chunks) {
    reader.push(chunk);
    await drain();
  }
  reader.end();
  await drain();
}

/**
 * Counts every row, sends it to the right output and feeds valid ones to the aggregates. Returns
 * the sink's promise (if any) so the reader can await it before reading on.
 */
export class RowRouter {
  private total = 0;
  private valid = 0;
  private quarantined = 0;
  readonly aggregator: DailyAggregator;
  /** The valid rows' JSON lines, handed to `sinks.processed` in chunks. */
  readonly output: ProcessedLinesWriter;

  constructor(
    private readonly core: ProcessorCore,
    currencies: CurrencyTable,
    private readonly sinks: ProcessSinks,
    processedChunkBytes: number,
  ) {
    this.aggregator = new DailyAggregator(core, currencies);
    this.output = new ProcessedLinesWriter(core, (lines) => sinks.processed(lines), processedChunkBytes);
  }

  /** A row that passed every rule (the core counts the rows its fast path takes itself). */
  accept(record: NormalizedRecord): void | Promise<void> {
    this.aggregator.add(record);
    this.total++;
    this.valid++;
    return this.output.writeRecord(record);
  }

  /** Hands the last buffered lines to the sink; call once every row has been routed. */
  finish(): void | Promise<void> {
    return this.output.flush();
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
    const fast = this.core.exports.acceptedRows.value as number;
    return {
      records: { total: this.total + fast, valid: this.valid + fast, quarantined: this.quarantined },
      aggregates: this.aggregator.results(),
      bytesRead,
      bytesDecoded,
    };
  }
}
