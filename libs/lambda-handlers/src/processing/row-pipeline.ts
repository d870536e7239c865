import type { RecordValidator } from './record-validator.js';
import type { RowRouter } from './row-router.js';

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
