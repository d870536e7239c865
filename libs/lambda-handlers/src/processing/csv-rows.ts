import { csvQuarantineRecord, resolveCsvColumns, type CsvColumns } from './csv-columns.js';
import { CsvRecordReader } from './csv-record-reader.js';
import { MissingColumnError } from './errors.js';
import { pumpRecords, type RowPipeline } from './row-pipeline.js';
import { REQUIRED_FIELDS } from './types.js';

/**
 * Runs every CSV record through the rules. The first record is the header; an empty file has
 * none and so lacks every required column.
 * @throws MissingColumnError before any row reaches a sink.
 */
export async function processCsvRows(text: AsyncIterable<string>, pipeline: RowPipeline): Promise<void> {
  const { validator, router } = pipeline;
  const reader = new CsvRecordReader(pipeline.maxRecordBytes);
  let columns: CsvColumns | undefined;
  await pumpRecords(text, reader, (cells) => {
    if (columns === undefined) {
      columns = resolveCsvColumns(cells);
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
      ? router.reject(reader.line, outcome, cells[c.transactionId], csvQuarantineRecord(c, cells))
      : router.accept(outcome);
  });
  if (columns === undefined) throw new MissingColumnError(REQUIRED_FIELDS);
}
