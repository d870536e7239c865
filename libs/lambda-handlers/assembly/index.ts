import { MAX_ASCII, SPACE } from './ascii';
import * as records from './csv-records';
import * as field from './fields';
import * as ids from './id-set';
import * as groups from './aggregates';
import * as output from './processed-lines';
import { hashAsciiEntry, hashBytes } from './hash';
import { UUID_ENTRY_BYTES, UUID_TEXT_BYTES, packUuidEntry } from './id-entry';
import { Row, allocRow } from './row';
import { FIELD_ACCOUNT, FIELD_AMOUNT, FIELD_CURRENCY, FIELD_ID, FIELD_MERCHANT, FIELD_STATUS, FIELD_TIMESTAMP, columns, requiredCells } from './field-layout';

/*
 * The CSV hot path of the transaction processor, compiled to WebAssembly (see
 * src/processing/processor-core.ts for why, and for the JavaScript side of every export; its
 * CoreEvent mirrors the EVENT_ values here, which a unit test checks).
 *
 * scan() reads records from the input window and takes every usual row itself: an ASCII id that
 * is new, valid fields, text JSON can carry. It stops with an event for JavaScript whenever it
 * needs something only JavaScript has: more input, the header, a row for the general path, a full
 * output chunk, a spill to disk, or a disk lookup for an id the Bloom filter may have seen.
 */

export const EVENT_NEED_INPUT: i32 = 0;
/** A record for JavaScript: the header, or a row the fast path does not take. */
export const EVENT_RECORD: i32 = 1;
export const EVENT_OUTPUT_READY: i32 = 2;
export const EVENT_RECORD_TOO_LARGE: i32 = 3;
/** The id set outgrew its limit; JavaScript spills it, then calls clearIds. */
export const EVENT_SPILL: i32 = 4;
/** The staged id may be on disk; JavaScript looks and answers with resolveSpilled. */
export const EVENT_CHECK_SPILLED: i32 = 5;

const MAX_ASCII_ID: usize = 64;

/** Rows the fast path took. */
export let acceptedRows: f64 = 0;
/** The row whose staged id JavaScript has looked up on disk, and the answer (see resolveSpilled). */
let resolvedStart: usize = 0;
let resolvedOnDisk: i32 = -1;
/** A record the fast path checked and then had to decline (its id is a duplicate): hand it over as it comes. */
let declineAt: usize = usize.MAX_VALUE;

/**
 * Rows checked before any is committed. Committing looks a row up in the id table, the account
 * table, the group table and (once ids have spilled) the Bloom filter: on large files each is a
 * cache miss. Once a batch is checked, one tight loop loads every slot those lookups will start
 * from, so the misses of all its rows are under way together instead of one after another (about
 * +10 % end to end on the 256 MiB benchmark file; 16 rows measured no better than 8).
 */
const BATCH: i32 = 8;
const rows = new StaticArray<Row>(BATCH + 1);
/** Keeps the touching loads observable, so the optimizer cannot drop them. */
export let touched: u32 = 0;

export {
  writePointer,
  writeRoom,
  wrote,
  endInput,
  cellStarts,
  cellEnds,
  cellCount,
  recordLine,
  nextLine,
  malformed,
  rawStart,
  rawEnd,
} from './csv-records';
export { addCurrency } from './fields';
export { fieldLayoutPointer, applyFieldLayout, FIELD_COUNT, OUTPUT_KEY_COUNT } from './field-layout';
export {
  stagePointer,
  stageWritten,
  commitStaged,
  stagedHash,
  count as idCount,
  isFull as idSetFull,
  clearIds,
  tablePointer,
  tableSlots,
  arena,
  bloomReset,
  bloomAdd,
  bloomMayContain,
  spillBegin,
  arenaUsed,
} from './id-set';
export {
  accountIndex,
  accountCount,
  accountRefs,
  accountArena,
  addToGroup,
  groupTable,
  groupSlots,
  groupCount,
} from './aggregates';
export { outputBase, outputEnd, reserveOutput, setOutputEnd, outputTaken } from './processed-lines';

export function init(maxRecordBytes: u32, chunkBytes: u32, idLimitBytes: u32, initialIdSlots: u32): void {
  records.initRecords(maxRecordBytes);
  field.initCurrencies();
  ids.initIds(idLimitBytes, initialIdSlots);
  groups.initAggregates();
  output.initOutput(chunkBytes);
  for (let i = 0; i <= BATCH; i++) rows[i] = allocRow();
}

/** Where JavaScript may put `bytes` bytes for a call that reads them (an account to intern). */
let scratch: usize = 0;
let scratchBytes: usize = 0;
export function scratchPointer(bytes: u32): usize {
  if (<usize>bytes > scratchBytes) {
    if (scratch != 0) heap.free(scratch);
    scratchBytes = max<usize>(bytes, 256);
    scratch = heap.alloc(scratchBytes);
  }
  return scratch;
}

/** JavaScript's answer to EVENT_CHECK_SPILLED: whether the staged id (of the next row to commit) is on disk. */
export function resolveSpilled(onDisk: bool): void {
  resolvedStart = unchecked(rows[batchNext]).start;
  resolvedOnDisk = onDisk ? 1 : 0;
}

const ACCEPTED: i32 = -1;
/** commitRow: the row's id is already known; the general path must name the duplicate. */
const DECLINED: i32 = -2;
/** What ended a batch besides its size. */
const BATCH_FULL: i32 = -3;

/** The checked batch: rows[batchNext, batchSize) are still to commit; batchEnded is what ended it. */
let batchNext: i32 = 0;
let batchSize: i32 = 0;
let batchEnded: i32 = BATCH_FULL;

@inline function outputFull(): bool {
  return output.outputEnd - output.outputBase >= output.chunkBytes;
}

export function scan(): i32 {
  for (;;) {
    // Commit the checked rows in file order. Every stop for JavaScript leaves the rest pending:
    // their fields are ranges of the input window, which only moves once they are all done.
    while (batchNext < batchSize) {
      const row = unchecked(rows[batchNext]);
      const outcome = commitRow(row);
      if (outcome == EVENT_CHECK_SPILLED) return outcome;
      if (outcome == DECLINED) {
        // Its cells are gone: read it again for the general path, and the rest after it.
        rewindTo(row);
        declineAt = row.start;
        batchNext = batchSize = 0;
        break;
      }
      batchNext++;
      acceptedRows++;
      if (ids.isFull()) return EVENT_SPILL;
      if (outputFull()) return EVENT_OUTPUT_READY;
    }
    if (batchSize > 0) {
      batchNext = batchSize = 0;
      if (batchEnded != BATCH_FULL) return batchEnded; // the record that ended the batch is still current
    }
    if (outputFull()) return EVENT_OUTPUT_READY;

    // Check the next batch. rows[n] also records where the record that ends it starts.
    let n = 0;
    let ended = BATCH_FULL;
    while (n < BATCH) {
      const row = unchecked(rows[n]);
      row.start = records.position;
      row.line = records.nextLine;
      const read = records.readRecord();
      if (read == records.NEED_MORE) {
        ended = EVENT_NEED_INPUT;
        break;
      }
      if (read == records.TOO_LARGE) {
        ended = EVENT_RECORD_TOO_LARGE;
        break;
      }
      if (row.start == declineAt || !checkRow(row)) {
        declineAt = usize.MAX_VALUE;
        ended = EVENT_RECORD;
        break;
      }
      n++;
      if (records.quoted) break; // the next quoted record would overwrite its cells
    }
    if (n == 0) return ended;
    // Start every table lookup the batch will make, back to back, so their cache misses overlap.
    for (let i = 0; i < n; i++) {
      const row = unchecked(rows[i]);
      touched ^=
        ids.touchSlot(row.idHash) ^
        ids.bloomTouch(row.idHash) ^
        groups.touchAccount(row.accountHash) ^
        groups.touchGroup(row.accountHash, row.groupKey);
    }
    batchSize = n;
    batchEnded = ended;
  }
  return EVENT_NEED_INPUT;
}

/** Moves the reader back to read `row` (and what follows) again. */
function rewindTo(row: Row): void {
  records.rewind(row.start, row.line);
}

/** Whether `[start, end)` is non-empty and starts with a printable ASCII byte (so it is not blank). */
@inline function startsPrintable(start: usize, end: usize): bool {
  if (end == start) return false;
  const first = <u32>load<u8>(start);
  return first > SPACE && first < MAX_ASCII;
}

/**
 * Checks the record as a valid row whose id is ASCII and fills `row`; false when the general path
 * must decide it. Sound, not complete: every check is the general rule restricted to what is
 * obviously the same. Changes nothing.
 */
function checkRow(row: Row): bool {
  if (records.cellCount < requiredCells) return false;
  const idColumn = <u32>unchecked(columns[FIELD_ID]);
  const idStart = records.cellStart(idColumn);
  const idEnd = records.cellEnd(idColumn);
  if (idEnd - idStart > MAX_ASCII_ID || !startsPrintable(idStart, idEnd) || !field.isAscii(idStart, idEnd)) return false;
  const accountColumn = <u32>unchecked(columns[FIELD_ACCOUNT]);
  const accountStart = records.cellStart(accountColumn);
  const accountEnd = records.cellEnd(accountColumn);
  if (!startsPrintable(accountStart, accountEnd)) return false;
  const accountKind = field.textKind(accountStart, accountEnd);
  if (accountKind == field.INVALID_TEXT) return false;
  const timestampColumn = <u32>unchecked(columns[FIELD_TIMESTAMP]);
  if (!field.parseTimestamp(records.cellStart(timestampColumn), records.cellEnd(timestampColumn), row)) return false;
  const currencyColumn = <u32>unchecked(columns[FIELD_CURRENCY]);
  const currencyStart = records.cellStart(currencyColumn);
  const currency = field.currencyIndex(currencyStart, records.cellEnd(currencyColumn));
  if (currency < 0) return false;
  const amountColumn = <u32>unchecked(columns[FIELD_AMOUNT]);
  if (!field.parseAmount(records.cellStart(amountColumn), records.cellEnd(amountColumn), field.minorDigitsOf(currency), row)) return false;
  const statusColumn = <u32>unchecked(columns[FIELD_STATUS]);
  const status = field.statusIndex(records.cellStart(statusColumn), records.cellEnd(statusColumn));
  if (status < 0) return false;
  row.merchantStart = 0;
  row.merchantEnd = 0;
  row.merchantKind = field.PLAIN_TEXT;
  const merchantColumn = unchecked(columns[FIELD_MERCHANT]);
  if (merchantColumn >= 0 && <u32>merchantColumn < records.cellCount) {
    row.merchantStart = records.cellStart(merchantColumn);
    row.merchantEnd = records.cellEnd(merchantColumn);
    row.merchantKind = field.textKind(row.merchantStart, row.merchantEnd);
    if (row.merchantKind == field.INVALID_TEXT) return false;
  }
  row.idStart = idStart;
  row.idEnd = idEnd;
  row.idPacked = idEnd - idStart == UUID_TEXT_BYTES && packUuidEntry(idStart, row.idEntry);
  row.idKind = row.idPacked ? field.PLAIN_TEXT : field.textKind(idStart, idEnd); // hex digits and hyphens need no escapes
  row.idHash = row.idPacked ? hashBytes(row.idEntry, row.idEntry + UUID_ENTRY_BYTES) : hashAsciiEntry(idStart, idEnd);
  row.accountStart = accountStart;
  row.accountEnd = accountEnd;
  row.accountKind = accountKind;
  row.accountHash = hashBytes(accountStart, accountEnd);
  row.groupKey = (<u32>(row.year * 512 + row.month * 32 + row.day) << 8) | <u32>currency;
  row.currencyStart = currencyStart;
  row.status = status;
  return true;
}

/** Adds a checked row's id, aggregate and line: ACCEPTED, DECLINED or EVENT_CHECK_SPILLED (nothing changed). */
function commitRow(row: Row): i32 {
  const known = row.idPacked ? ids.stageEntry(row.idEntry, UUID_ENTRY_BYTES, row.idHash) : ids.stageAscii(row.idStart, row.idEnd, row.idHash);
  if (known) return DECLINED;
  if (ids.bloomMayContain(row.idHash)) {
    if (resolvedStart != row.start || resolvedOnDisk < 0) return EVENT_CHECK_SPILLED;
    const onDisk = resolvedOnDisk == 1;
    resolvedOnDisk = -1;
    if (onDisk) return DECLINED;
  }
  ids.commitStaged();
  const account = groups.accountIndexHashed(row.accountStart, row.accountEnd, row.accountHash);
  groups.addToGroupHashed(account, row.accountHash, row.groupKey, row.status, row.amount);
  output.writeLine(row);
  return ACCEPTED;
}
