import { DuplicateColumnError, MalformedHeaderError, MissingColumnError, RecordTooLargeError } from './errors.js';
import { FIELD_TABLE, ID_FIELD, MALFORMED_ROW, REQUIRED_FIELDS } from './field-table.js';
import { CoreEvent } from './processor-core.js';
import type { RowPipeline } from './row-router.js';

/** Where each FIELD_TABLE field sits in a CSV row (-1: the file has no such column), and how to name every cell in a quarantine entry. */
export interface CsvColumns {
  /** Indexed like FIELD_TABLE. */
  readonly positions: readonly number[];
  /** Quarantine record key for each header cell. */
  readonly keys: readonly string[];
}

/**
 * Maps header cells to field positions. Names are matched exactly after trimming surrounding
 * whitespace (the BOM is already gone); columns may come in any order; unknown columns are kept
 * only for quarantine records.
 * @throws DuplicateColumnError when a name repeats; MissingColumnError listing every required
 * column the header lacks, in SPEC order.
 */
function resolveCsvColumns(header: readonly string[]): CsvColumns {
  const names = header.map((cell) => cell.trim());
  const repeated = [...new Set(names.filter((name, index) => name.length > 0 && names.indexOf(name) !== index))];
  if (repeated.length > 0) throw new DuplicateColumnError(repeated);
  const missing = REQUIRED_FIELDS.filter((field) => !names.includes(field));
  if (missing.length > 0) throw new MissingColumnError(missing);
  return {
    positions: FIELD_TABLE.map((field) => names.indexOf(field.name)),
    keys: names.map((name, index) => (name.length === 0 ? `_${index + 1}` : name)),
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

/** A row's values by field name for the RecordValidator; a cell a short row lacks is absent. */
function csvFieldValues(columns: CsvColumns, cells: readonly string[]): Record<string, string | undefined> {
  const values: Record<string, string | undefined> = {};
  FIELD_TABLE.forEach((field, index) => {
    const position = columns.positions[index]!;
    values[field.name] = position < 0 ? undefined : cells[position];
  });
  return values;
}

/**
 * Runs every CSV record through the rules. The first record is the header; an empty file has
 * none and so lacks every required column. A line that does not split into cells is quarantined
 * as `malformed_row` with its raw text. The processor core reads the records and takes the
 * usual valid row itself (its fast path); it stops for every other row, which is decoded to strings
 * and judged by the RecordValidator, which names its reason, and for whatever else needs
 * JavaScript (see CoreEvent).
 * @throws MissingColumnError, DuplicateColumnError or MalformedHeaderError before any row reaches a sink.
 */
export async function processCsvRows(chunks: AsyncIterable<Uint8Array>, pipeline: RowPipeline): Promise<void> {
  const { core, ids, validator, router } = pipeline;
  const exports = core.exports;
  let columns: CsvColumns | undefined;

  const handleRecord = (): void | Promise<void> => {
    const malformedLine = core.malformedLine();
    if (columns === undefined) {
      if (malformedLine !== undefined) throw new MalformedHeaderError(malformedLine);
      columns = resolveCsvColumns(core.cells());
      core.configureFields(columns.positions);
      return;
    }
    if (malformedLine !== undefined) return router.reject(core.recordLine, MALFORMED_ROW, undefined, {}, malformedLine);
    const cells = core.cells();
    const values = csvFieldValues(columns, cells);
    const outcome = validator.validate(values);
    return typeof outcome === 'string'
      ? router.reject(core.recordLine, outcome, values[ID_FIELD], csvQuarantineRecord(columns, cells))
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
