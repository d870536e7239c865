import { MAX_ASCII, SPACE } from './ascii';
import * as records from './csv-records';
import * as field from './fields';
import * as ids from './id-set';
import * as groups from './aggregates';
import * as output from './processed-lines';

/*
 * The CSV hot path of the transaction processor, compiled to WebAssembly (see
 * src/processing/csv-core.ts for why, and for the JavaScript side of every export).
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

let idColumn: u32 = 0;
let accountColumn: u32 = 0;
let timestampColumn: u32 = 0;
let currencyColumn: u32 = 0;
let amountColumn: u32 = 0;
let statusColumn: u32 = 0;
let merchantColumn: i32 = -1;
/** Cells a row needs for every required field; none before the header is known. */
let requiredCells: u32 = u32.MAX_VALUE;
/** Past it the id set asks to be spilled. */
let idLimit: usize = 0;
/** Rows the fast path took. */
export let acceptedRows: f64 = 0;
/** The row whose staged id JavaScript has looked up on disk, and the answer (see resolveSpilled). */
let resolvedStart: usize = 0;
let resolvedOnDisk: i32 = -1;

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
} from './csv-records';
export { addCurrency } from './fields';
export {
  stagePointer,
  stageWritten,
  commitStaged,
  stagedHash,
  count as idCount,
  usedBytes,
  clearIds,
  tablePointer,
  tableSlots,
  arena,
  bloomReset,
  bloomAdd,
  bloomMayContain,
  spillBegin,
  sortScratchBytes,
  arenaUsed,
} from './id-set';
export {
  accountIndex,
  accountCount,
  accountRefs,
  accountArena,
  addToGroup,
  countInGroup,
  groupTable,
  groupSlots,
  groupCount,
} from './aggregates';
export { outputBase, outputEnd, reserveOutput, setOutputEnd, outputTaken } from './processed-lines';

export function init(maxRecordBytes: u32, chunkBytes: u32, idLimitBytes: u32, initialIdSlots: u32): void {
  records.initRecords(maxRecordBytes);
  field.initCurrencies();
  ids.initIds(idLimitBytes, initialIdSlots);
  idLimit = idLimitBytes;
  groups.initAggregates();
  output.initOutput(chunkBytes);
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

export function setIdLimit(bytes: u32): void {
  idLimit = bytes;
}

export function setColumns(id: u32, account: u32, timestamp: u32, currency: u32, amount: u32, status: u32, merchant: i32): void {
  idColumn = id;
  accountColumn = account;
  timestampColumn = timestamp;
  currencyColumn = currency;
  amountColumn = amount;
  statusColumn = status;
  merchantColumn = merchant;
  requiredCells = max(max(max(id, account), max(timestamp, currency)), max(amount, status)) + 1;
}

/** JavaScript's answer to EVENT_CHECK_SPILLED: whether the staged id is on disk. */
export function resolveSpilled(onDisk: bool): void {
  resolvedStart = records.position;
  resolvedOnDisk = onDisk ? 1 : 0;
}

const ACCEPTED: i32 = -1;

export function scan(): i32 {
  for (;;) {
    if (output.outputEnd - output.outputBase >= output.chunkBytes) return EVENT_OUTPUT_READY;
    const start = records.position;
    const line = records.nextLine;
    const read = records.readRecord();
    if (read == records.NEED_MORE) return EVENT_NEED_INPUT;
    if (read == records.TOO_LARGE) return EVENT_RECORD_TOO_LARGE;
    const outcome = tryAccept(start);
    if (outcome == ACCEPTED) {
      acceptedRows++;
      if (ids.usedBytes() > idLimit) return EVENT_SPILL;
      continue;
    }
    if (outcome == EVENT_CHECK_SPILLED) records.rewind(start, line);
    return outcome;
  }
  return EVENT_NEED_INPUT;
}

/** Whether `[start, end)` is non-empty and starts with a printable ASCII byte (so it is not blank). */
@inline function startsPrintable(start: usize, end: usize): bool {
  if (end == start) return false;
  const first = <u32>load<u8>(start);
  return first > SPACE && first < MAX_ASCII;
}

/**
 * Takes the record as a valid row (ACCEPTED) or leaves everything as it was and answers
 * EVENT_RECORD (the general path decides) or EVENT_CHECK_SPILLED. Sound, not complete: every check
 * is the general rule restricted to what is obviously the same.
 */
function tryAccept(start: usize): i32 {
  if (records.cellCount < requiredCells) return EVENT_RECORD;
  const idStart = records.cellStart(idColumn);
  const idEnd = records.cellEnd(idColumn);
  if (idEnd - idStart > MAX_ASCII_ID || !startsPrintable(idStart, idEnd) || !field.isAscii(idStart, idEnd)) return EVENT_RECORD;
  const accountStart = records.cellStart(accountColumn);
  const accountEnd = records.cellEnd(accountColumn);
  if (!startsPrintable(accountStart, accountEnd)) return EVENT_RECORD;
  const accountKind = field.textKind(accountStart, accountEnd);
  if (accountKind == field.INVALID_TEXT) return EVENT_RECORD;
  if (!field.parseTimestamp(records.cellStart(timestampColumn), records.cellEnd(timestampColumn))) return EVENT_RECORD;
  const currencyStart = records.cellStart(currencyColumn);
  const currency = field.currencyIndex(currencyStart, records.cellEnd(currencyColumn));
  if (currency < 0) return EVENT_RECORD;
  if (!field.parseAmount(records.cellStart(amountColumn), records.cellEnd(amountColumn), field.minorDigitsOf(currency))) {
    return EVENT_RECORD;
  }
  const status = field.statusIndex(records.cellStart(statusColumn), records.cellEnd(statusColumn));
  if (status < 0) return EVENT_RECORD;
  let merchantStart: usize = 0;
  let merchantEnd: usize = 0;
  let merchantKind = field.PLAIN_TEXT;
  if (merchantColumn >= 0 && <u32>merchantColumn < records.cellCount) {
    merchantStart = records.cellStart(merchantColumn);
    merchantEnd = records.cellEnd(merchantColumn);
    merchantKind = field.textKind(merchantStart, merchantEnd);
    if (merchantKind == field.INVALID_TEXT) return EVENT_RECORD;
  }
  if (ids.stageAscii(idStart, idEnd)) return EVENT_RECORD; // a duplicate: the general path names it
  if (ids.bloomMayContain(ids.stagedHash)) {
    if (resolvedStart != start || resolvedOnDisk < 0) return EVENT_CHECK_SPILLED;
    const onDisk = resolvedOnDisk == 1;
    resolvedOnDisk = -1;
    if (onDisk) return EVENT_RECORD;
  }
  ids.commitStaged();
  const key = (<u32>(field.year * 512 + field.month * 32 + field.day) << 8) | <u32>currency;
  groups.addToGroup(groups.accountIndex(accountStart, accountEnd), key, status, field.amountValue);
  output.writeLine(
    idStart,
    idEnd,
    field.textKind(idStart, idEnd),
    accountStart,
    accountEnd,
    accountKind,
    currencyStart,
    status,
    merchantStart,
    merchantEnd,
    merchantKind,
  );
  return ACCEPTED;
}
