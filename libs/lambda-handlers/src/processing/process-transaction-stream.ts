import { fileBytes, type ByteCounters, type ByteSource } from './file-bytes.js';
import { CurrencyTable, SUPPORTED_CURRENCIES } from './currencies.js';
import { processCsvRows } from './csv-rows.js';
import type { FileFormat } from './file-format.js';
import { processJsonlRows } from './jsonl-rows.js';
import { RecordValidator } from './record-validator.js';
import { RowRouter, type RowPipeline } from './row-router.js';
import { ProcessorCore } from './processor-core.js';
import { TransactionIdIndex, idMemoryBudget, initialIdSlots } from './transaction-id-index.js';
import type { ProcessOptions, ProcessSinks, ProcessingResult } from './types.js';

const DEFAULT_MAX_RECORD_BYTES = 1024 * 1024;
const DEFAULT_PROCESSED_CHUNK_BYTES = 64 * 1024;

/**
 * Streams one transaction file (SPEC §5) through the field rules: valid rows go to
 * `sinks.processed` as normalized JSON lines, each bad row to `sinks.quarantined` with its line and reason, and the per
 * (account, currency, UTC date) aggregates come back in the result. Never holds the file whole;
 * a promise returned by a sink is awaited before the next row is read. Gunzips when `format.gzip`.
 *
 * Throws a `PermanentError` for a file that can never succeed (missing column, invalid gzip,
 * a runaway record); rows already handed to the sinks must then be discarded by the caller.
 * Errors from the source or the sinks propagate unchanged (they may be transient).
 */
export async function processTransactionStream(
  source: ByteSource,
  format: FileFormat,
  sinks: ProcessSinks,
  options: ProcessOptions = {},
): Promise<ProcessingResult> {
  const idOptions = { memoryBudgetBytes: options.idMemoryBudgetBytes, spillDirectory: options.spillDirectory };
  const idBudget = idMemoryBudget(idOptions);
  const maxRecordBytes = options.maxRecordBytes ?? DEFAULT_MAX_RECORD_BYTES;
  const chunkBytes = options.processedChunkBytes ?? DEFAULT_PROCESSED_CHUNK_BYTES;
  const currencies = new CurrencyTable(options.currencies ?? SUPPORTED_CURRENCIES);
  const core = new ProcessorCore({ maxRecordBytes, chunkBytes, idLimitBytes: idBudget, initialIdSlots: initialIdSlots(idBudget) });
  currencies.forEachPacked((packed, info) => core.exports.addCurrency(packed, info.index, info.minorDigits));
  const ids = new TransactionIdIndex(idOptions, core);
  try {
    // A shard of a fanned-out file (fan-out/): ids first seen on earlier shards count as seen.
    for await (const id of options.knownIds ?? []) ids.addIfAbsent(id);
    const pipeline: RowPipeline = {
      core,
      ids,
      validator: new RecordValidator(ids, currencies),
      router: new RowRouter(core, currencies, sinks, chunkBytes),
      maxRecordBytes,
    };
    const counters: ByteCounters = { bytesRead: 0, bytesDecoded: 0 };
    const chunks = fileBytes(source, format.gzip, counters);
    await (format.kind === 'csv' ? processCsvRows(chunks, pipeline) : processJsonlRows(chunks, pipeline));
    await pipeline.router.finish();
    options.onIdsDone?.(ids);
    return pipeline.router.result(counters.bytesRead, counters.bytesDecoded);
  } finally {
    ids.close();
  }
}
