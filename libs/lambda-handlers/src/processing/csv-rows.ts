import { MissingColumnError, RecordTooLargeError } from './errors.js';
import { CoreEvent } from './processor-core.js';
import type { RowPipeline } from './row-router.js';
import { REQUIRED_FIELDS } from './types.js';

/** Where each SPEC §5 field sits in a CSV row, and how to name every cell in a quarantine entry. */
export interface CsvColumns {
  readonly transactionId: number;
  readonly accountId: number;
  readonly timestamp: number;
  readonly currency: number;
  readonly amount: number;
  readonly status: number;
  /** -1 when the file has no merchant column. */
  readonly merchant: number;
  /** Quarantine record key for each header cell. */
  readonly keys: readonly string[];
}

/**
 * Maps header cells to field positions. Names are matched exactly after trimming surrounding
 * whitespace (the BOM is already gone); columns may come in any order; unknown columns are kept
 * only for quarantine records; if a name repeats, its first column is the one used.
 * @throws MissingColumnError listing every required column the header lacks, in SPEC order.
 */
function resolveCsvColumns(header: readonly string[]): CsvColumns {
  const names = header.map((cell) => cell.trim());
  const first = new Map<string, number>();
  names.forEach((name, index) => {
    if (!first.has(name)) first.set(name, index);
  });
  const missing = REQUIRED_FIELDS.filter((field) => !first.has(field));
  if (missing.length > 0) throw new MissingColumnError(missing);

  const seen = new Map<string, number>();
  const keys = names.map((name, index) => {
    if (name.length === 0) return `_${index + 1}`;
    const occurrence = (seen.get(name) ?? 0) + 1;
    seen.set(name, occurrence);
    return occurrence === 1 ? name : `${name}_${occurrence}`;
  });
  const at = (field: string): number => first.get(field) ?? -1;
  return {
    transactionId: at('transaction_id'),
    accountId: at('account_id'),
    timestamp: at('timestamp'),
    currency: at('currency'),
    amount: at('amount'),
    status: at('status'),
    merchant: at('merchant'),
    keys,
  };
}

/**
 * A rejected row's cells keyed by header name, so nothing is lost: cells past the header are
 * keyed `_<position>`; cells a short row lacks are absent.
 */
function csvQuarantineRecord(columns: CsvColumns, cells: readonly string[]): Record<string, string> {
  const record: Record<string, string> = {};
  cells.forEach((cell, index) => {
    record[columns.keys[index] ?? `_${index + 1}`] = cell;
  });
  return record;
}

/**
 * Runs every CSV record through the rules. The first record is the header; an empty file has
 * none and so lacks every required column. The processor core reads the records and takes the
 * usual valid row itself (its fast path); it stops for every other row, which is decoded to strings
 * and judged by the RecordValidator, which names its reason, and for whatever else needs
 * JavaScript (see CoreEvent).
 * @throws MissingColumnError before any row reaches a sink.
 */
export async function processCsvRows(chunks: AsyncIterable<Uint8Array>, pipeline: RowPipeline): Promise<void> {
  const { core, ids, validator, router } = pipeline;
  const exports = core.exports;
  let columns: CsvColumns | undefined;

  const handleRecord = (): void | Promise<void> => {
    const cells = core.cells();
    if (columns === undefined) {
      const c = (columns = resolveCsvColumns(cells));
      exports.setColumns(c.transactionId, c.accountId, c.timestamp, c.currency, c.amount, c.status, c.merchant);
      return;
    }
    const c = columns;
    const outcome = validator.validate(
      cells[c.transactionId],
      cells[c.accountId],
      cells[c.timestamp],
      cells[c.currency],
      cells[c.amount],
      cells[c.status],
      c.merchant < 0 ? undefined : cells[c.merchant],
    );
    return typeof outcome === 'string'
      ? router.reject(core.recordLine, outcome, cells[c.transactionId], csvQuarantineRecord(c, cells))
      : router.accept(outcome);
  };

  /** Scans until the core needs more input, awaiting the sinks as it goes. */
  const drain = async (): Promise<void> => {
    for (;;) {
      let pending: void | Promise<void> = undefined;
      switch (exports.scan()) {
        case CoreEvent.NeedInput:
          return;
        case CoreEvent.Record:
          pending = handleRecord();
          break;
        case CoreEvent.OutputReady:
          pending = router.output.flush();
          break;
        case CoreEvent.Spill:
          ids.spillIfFull();
          break;
        case CoreEvent.CheckSpilled:
          exports.resolveSpilled(ids.isStagedOnDisk());
          break;
        case CoreEvent.RecordTooLarge:
          throw new RecordTooLargeError(exports.nextLine.value as number, pipeline.maxRecordBytes);
      }
      if (pending !== undefined) await pending;
    }
  };

  for await (const chunk of chunks) {
    for (let from = 0; from < chunk.length; ) {
      from = core.writeInput(chunk, from);
      await drain();
    }
  }
  exports.endInput();
  await drain();
  if (columns === undefined) throw new MissingColumnError(REQUIRED_FIELDS);
}
