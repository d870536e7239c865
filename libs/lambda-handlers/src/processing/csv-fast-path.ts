import { MinorAmount, minorAmountValue, parseAmount } from './amount.js';
import { copyBytes, needsJsonEscape, viewOf } from './byte-copy.js';
import type { CurrencyTable } from './currencies.js';
import type { CsvRecord } from './csv-record-reader.js';
import type { CsvColumns } from './csv-rows.js';
import { SMALL_AMOUNT_DIGITS, dateOrdinal, type DailyAggregator } from './daily-aggregator.js';
import type { ProcessedLinesWriter } from './processed-lines.js';
import { UtcTimestamp, parseTimestamp } from './timestamp.js';
import type { TransactionIdIndex } from './transaction-id-index.js';
import { TRANSACTION_STATUSES } from './types.js';
import { BACKSLASH, COLON, DIGIT_ZERO, HYPHEN_MINUS, MAX_ASCII, POINT, QUOTE, UPPER_T, UPPER_Z } from './ascii.js';

/** Longest id that is valid whatever its characters: 64 ASCII chars are 64 code points. */
const MAX_ASCII_ID = 64;

const encode = (text: string): Buffer => Buffer.from(text, 'latin1');
/** A constant piece of a line, as a view for {@link copyBytes}. */
const constant = (text: string): DataView => viewOf(encode(text));
// The constant parts of a line, in JSON.stringify's key order for NormalizedRecord.
const OPEN = constant('{"transactionId":');
const ACCOUNT = constant(',"accountId":');
const TIMESTAMP = constant(',"timestamp":"');
const DATE = constant('","date":"');
const CURRENCY = constant('","currency":"');
const AMOUNT = constant('","amountMinor":"');
const STATUS = constant('","status":"');
const MERCHANT = constant('","merchant":');
const CLOSE_AFTER_STATUS = constant('"}');
const CLOSE = constant('}');
// Indexed like TRANSACTION_STATUSES, which is also the order of a group's sums.
const STATUS_BYTES = TRANSACTION_STATUSES.map(encode);
const STATUS_VIEWS = STATUS_BYTES.map(viewOf);
/** Everything of a line besides its variable fields, with room to spare. */
const LINE_OVERHEAD = 160;

/** A printable ASCII char other than space: a field starting with it is not blank. */
function isPrintable(code: number): boolean {
  return code > 0x20 && code < MAX_ASCII;
}

function isAsciiRange(bytes: Uint8Array, start: number, end: number): boolean {
  for (let i = start; i < end; i++) if (bytes[i]! > MAX_ASCII) return false;
  return true;
}

/** Index into TRANSACTION_STATUSES of the status in `bytes[start, end)`, or -1. */
function statusIndex(bytes: Uint8Array, start: number, end: number): number {
  for (let s = 0; s < STATUS_BYTES.length; s++) {
    const name = STATUS_BYTES[s]!;
    if (end - start !== name.length) continue;
    let i = 0;
    while (i < name.length && bytes[start + i] === name[i]) i++;
    if (i === name.length) return s;
  }
  return -1;
}

/**
 * The fast path for the usual CSV row: one whose fields are all valid ASCII and whose id is new.
 * It reads the fields in place (in the input bytes, or in the reader's scratch buffer for a quoted
 * record) and writes the normalized line and the aggregate without creating a string or an object
 * for the row.
 *
 * It only ever accepts: for any other row it returns false having changed nothing, and the general
 * path (RecordValidator over the row's strings) decides and names the reason. So it must be sound,
 * not complete: every check here is the general rule restricted to ASCII, and wherever that is not
 * obviously the same (a leading space, a non-ASCII id, a 16-digit amount) it declines.
 * `format-equivalence.test.ts` holds both paths to the same output.
 */
export class CsvFastPath {
  private readonly timestamp = new UtcTimestamp();
  private readonly amount = new MinorAmount();
  /** Cells a record needs for every required field to be present. */
  private readonly requiredCells: number;

  constructor(
    private readonly columns: CsvColumns,
    private readonly ids: TransactionIdIndex,
    private readonly currencies: CurrencyTable,
    private readonly aggregator: DailyAggregator,
    private readonly out: ProcessedLinesWriter,
  ) {
    const c = columns;
    this.requiredCells = 1 + Math.max(c.transactionId, c.accountId, c.timestamp, c.currency, c.amount, c.status);
  }

  /** Accepts `record` (see the class comment) and returns true, or returns false untouched. */
  tryAccept(record: CsvRecord): boolean {
    if (record.cellCount < this.requiredCells) return false;
    const { bytes, cellStarts: starts, cellEnds: ends } = record;
    const c = this.columns;

    const idStart = starts[c.transactionId]!;
    const idEnd = ends[c.transactionId]!;
    if (idEnd - idStart > MAX_ASCII_ID || idEnd === idStart || !isPrintable(bytes[idStart]!)) return false;
    const accountStart = starts[c.accountId]!;
    const accountEnd = ends[c.accountId]!;
    if (accountEnd === accountStart || !isPrintable(bytes[accountStart]!)) return false;
    if (!(isAsciiRange(bytes, idStart, idEnd) && isAsciiRange(bytes, accountStart, accountEnd))) return false;
    const timestamp = this.timestamp;
    if (!parseTimestamp(bytes, starts[c.timestamp]!, ends[c.timestamp]!, timestamp)) return false;
    const currency = this.currencies.getBytes(bytes, starts[c.currency]!, ends[c.currency]!);
    if (currency === undefined) return false;
    const amount = this.amount;
    if (!parseAmount(bytes, starts[c.amount]!, ends[c.amount]!, currency.minorDigits, amount)) return false;
    if (amount.digitCount > SMALL_AMOUNT_DIGITS) return false; // the general path sums it as a BigInt
    const status = statusIndex(bytes, starts[c.status]!, ends[c.status]!);
    if (status < 0) return false;
    if (!this.ids.addAsciiIfAbsent(record.view, idStart, idEnd)) return false;

    const aggregator = this.aggregator;
    aggregator.addSmall(
      aggregator.accountIndexOfAscii(bytes, record.view, accountStart, accountEnd),
      aggregator.groupKey(dateOrdinal(timestamp.year, timestamp.month, timestamp.day), aggregator.currencyIndexOf(currency.code)),
      status,
      minorAmountValue(bytes, amount),
    );
    this.writeLine(record, idStart, idEnd, accountStart, accountEnd, currency.view, status);
    return true;
  }

  private writeLine(
    record: CsvRecord,
    idStart: number,
    idEnd: number,
    accountStart: number,
    accountEnd: number,
    currency: DataView,
    status: number,
  ): void {
    const { bytes, view } = record;
    const out = this.out;
    const c = this.columns;
    const hasMerchant = c.merchant >= 0 && c.merchant < record.cellCount;
    const merchantStart = hasMerchant ? record.cellStarts[c.merchant]! : 0;
    const merchantEnd = hasMerchant ? record.cellEnds[c.merchant]! : 0;
    // One view and a local position: this line is most of what a row costs.
    const line = out.room(LINE_OVERHEAD + 6 * (idEnd - idStart + accountEnd - accountStart + merchantEnd - merchantStart));
    let p = out.position;
    p = copyBytes(OPEN, 0, OPEN.byteLength, line, p);
    p = this.putJsonText(bytes, view, idStart, idEnd, line, p);
    p = copyBytes(ACCOUNT, 0, ACCOUNT.byteLength, line, p);
    p = this.putJsonText(bytes, view, accountStart, accountEnd, line, p);
    p = copyBytes(TIMESTAMP, 0, TIMESTAMP.byteLength, line, p);
    p = this.putTimestamp(view, line, p);
    p = copyBytes(CURRENCY, 0, CURRENCY.byteLength, line, p);
    p = copyBytes(currency, 0, currency.byteLength, line, p);
    p = copyBytes(AMOUNT, 0, AMOUNT.byteLength, line, p);
    p = this.putAmount(view, line, p);
    p = copyBytes(STATUS, 0, STATUS.byteLength, line, p);
    const statusName = STATUS_VIEWS[status]!;
    p = copyBytes(statusName, 0, statusName.byteLength, line, p);
    if (merchantEnd > merchantStart) {
      p = copyBytes(MERCHANT, 0, MERCHANT.byteLength, line, p);
      p = this.putJsonText(bytes, view, merchantStart, merchantEnd, line, p);
      p = copyBytes(CLOSE, 0, CLOSE.byteLength, line, p);
    } else {
      p = copyBytes(CLOSE_AFTER_STATUS, 0, CLOSE_AFTER_STATUS.byteLength, line, p);
    }
    out.advance(p);
  }

  /**
   * The UTF-8 text `bytes[start, end)` as a JSON string literal at `p`; plain ASCII is copied four
   * bytes at a time, anything else (escapes, non-ASCII) goes through `JSON.stringify`. Returns the
   * new end.
   */
  private putJsonText(bytes: Buffer, view: DataView, start: number, end: number, line: DataView, p: number): number {
    const from = p;
    line.setUint8(p++, QUOTE);
    let i = start;
    for (; i + 4 <= end; i += 4, p += 4) {
      const word = view.getUint32(i, true);
      if (needsJsonEscape(word)) return this.putJsonTextSlowly(bytes, start, end, from);
      line.setUint32(p, word, true);
    }
    for (; i < end; i++) {
      const byte = view.getUint8(i);
      if (byte < 0x20 || byte === QUOTE || byte === BACKSLASH || byte > MAX_ASCII) {
        return this.putJsonTextSlowly(bytes, start, end, from);
      }
      line.setUint8(p++, byte);
    }
    line.setUint8(p++, QUOTE);
    return p;
  }

  private putJsonTextSlowly(bytes: Buffer, start: number, end: number, at: number): number {
    this.out.advance(at);
    this.out.writeJsonString(bytes.toString('utf8', start, end));
    return this.out.position;
  }

  /** `<utc>","date":"<date>` at `p` (the quotes around come from the constants); returns the new end. */
  private putTimestamp(view: DataView, line: DataView, p: number): number {
    const t = this.timestamp;
    if (t.canonical) {
      // The source already is the canonical form; its first 10 bytes are the date.
      const start = t.secondAt - 17;
      p = copyBytes(view, start, start + 24, line, p);
      p = copyBytes(DATE, 0, DATE.byteLength, line, p);
      return copyBytes(view, start, start + 10, line, p);
    }
    const date = p;
    p = putDigits(t.year, 4, line, p);
    line.setUint8(p++, HYPHEN_MINUS);
    p = putDigits(t.month, 2, line, p);
    line.setUint8(p++, HYPHEN_MINUS);
    p = putDigits(t.day, 2, line, p);
    line.setUint8(p++, UPPER_T);
    p = putDigits(t.hour, 2, line, p);
    line.setUint8(p++, COLON);
    p = putDigits(t.minute, 2, line, p);
    line.setUint8(p++, COLON);
    p = copyBytes(view, t.secondAt, t.secondAt + 2, line, p);
    line.setUint8(p++, POINT);
    p = copyBytes(view, t.fractionStart, t.fractionEnd, line, p);
    for (let z = t.fractionEnd - t.fractionStart; z < 3; z++) line.setUint8(p++, DIGIT_ZERO);
    line.setUint8(p++, UPPER_Z);
    p = copyBytes(DATE, 0, DATE.byteLength, line, p);
    return copyBytes(line, date, date + 10, line, p);
  }

  /** The canonical minor-units digits at `p`; returns the new end. */
  private putAmount(view: DataView, line: DataView, p: number): number {
    const amount = this.amount;
    if (amount.isZero) {
      line.setUint8(p++, DIGIT_ZERO);
      return p;
    }
    if (amount.negative) line.setUint8(p++, HYPHEN_MINUS);
    p = copyBytes(view, amount.headStart, amount.headEnd, line, p);
    p = copyBytes(view, amount.tailStart, amount.tailEnd, line, p);
    for (let z = 0; z < amount.padZeros; z++) line.setUint8(p++, DIGIT_ZERO);
    return p;
  }
}

/** `value` as `digits` zero-padded decimal digits at `at`; returns the end. */
function putDigits(value: number, digits: number, target: DataView, at: number): number {
  for (let d = at + digits - 1; d >= at; d--) {
    target.setUint8(d, DIGIT_ZERO + (value % 10));
    value = (value - (value % 10)) / 10;
  }
  return at + digits;
}
