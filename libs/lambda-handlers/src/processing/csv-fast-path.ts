import { MinorAmount, minorAmountValue, parseAmount } from './amount.js';
import type { CurrencyTable } from './currencies.js';
import type { CsvRecord } from './csv-record-reader.js';
import type { CsvColumns } from './csv-rows.js';
import { SMALL_AMOUNT_DIGITS, type DailyAggregator } from './daily-aggregator.js';
import type { ProcessedLinesWriter } from './processed-lines.js';
import { UtcTimestamp, parseTimestamp } from './timestamp.js';
import type { TransactionIdIndex } from './transaction-id-index.js';

/** Longest id that is valid whatever its characters: 64 ASCII chars are 64 code points. */
const MAX_ASCII_ID = 64;
const MAX_ASCII = 0x7f;

const encode = (text: string): Buffer => Buffer.from(text, 'latin1');
const HYPHEN = 45;
const COLON = 58;
const POINT = 46;
const UPPER_T = 84;
const UPPER_Z = 90;
const DIGIT_ZERO = 48;
const QUOTE = 34;
const BACKSLASH = 92;
// The constant parts of a line, in JSON.stringify's key order for NormalizedRecord.
const OPEN = encode('{"transactionId":');
const ACCOUNT = encode(',"accountId":');
const TIMESTAMP = encode(',"timestamp":"');
const DATE = encode('","date":"');
const CURRENCY = encode('","currency":"');
const AMOUNT = encode('","amountMinor":"');
const STATUS = encode('","status":"');
const MERCHANT = encode('","merchant":');
const CLOSE_AFTER_STATUS = encode('"}');
const CLOSE = encode('}');
const STATUSES = ['settled', 'pending', 'reversed'] as const;
const STATUS_BYTES = STATUSES.map(encode);
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

/** Index into {@link STATUSES} of the status in `bytes[start, end)`, or -1. */
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
    if (!this.ids.addAsciiIfAbsent(bytes, idStart, idEnd)) return false;

    const aggregator = this.aggregator;
    aggregator.addSmall(
      aggregator.accountIndexOfAscii(bytes, accountStart, accountEnd),
      aggregator.groupKey(timestamp.dateOrdinal, aggregator.currencyIndexOf(currency.code)),
      status,
      minorAmountValue(bytes, amount),
    );
    this.writeLine(record, idStart, idEnd, accountStart, accountEnd, currency.bytes, status);
    return true;
  }

  private writeLine(
    record: CsvRecord,
    idStart: number,
    idEnd: number,
    accountStart: number,
    accountEnd: number,
    currency: Uint8Array,
    status: number,
  ): void {
    const { bytes } = record;
    const out = this.out;
    const c = this.columns;
    const hasMerchant = c.merchant >= 0 && c.merchant < record.cellCount;
    const merchantStart = hasMerchant ? record.cellStarts[c.merchant]! : 0;
    const merchantEnd = hasMerchant ? record.cellEnds[c.merchant]! : 0;
    // One buffer and a local position: this line is most of what a row costs, and small helper
    // calls that each load and store the writer's fields were a third of it.
    const line = out.room(LINE_OVERHEAD + 6 * (idEnd - idStart + accountEnd - accountStart + merchantEnd - merchantStart));
    let p = out.position;
    p = put(OPEN, 0, OPEN.length, line, p);
    p = this.putJsonText(bytes, idStart, idEnd, line, p);
    p = put(ACCOUNT, 0, ACCOUNT.length, line, p);
    p = this.putJsonText(bytes, accountStart, accountEnd, line, p);
    p = put(TIMESTAMP, 0, TIMESTAMP.length, line, p);
    p = this.putTimestamp(bytes, line, p);
    p = put(CURRENCY, 0, CURRENCY.length, line, p);
    p = put(currency, 0, currency.length, line, p);
    p = put(AMOUNT, 0, AMOUNT.length, line, p);
    p = this.putAmount(bytes, line, p);
    p = put(STATUS, 0, STATUS.length, line, p);
    const statusName = STATUS_BYTES[status]!;
    p = put(statusName, 0, statusName.length, line, p);
    if (merchantEnd > merchantStart) {
      p = put(MERCHANT, 0, MERCHANT.length, line, p);
      p = this.putJsonText(bytes, merchantStart, merchantEnd, line, p);
      p = put(CLOSE, 0, CLOSE.length, line, p);
    } else {
      p = put(CLOSE_AFTER_STATUS, 0, CLOSE_AFTER_STATUS.length, line, p);
    }
    out.advance(p);
  }

  /**
   * The UTF-8 text `bytes[start, end)` as a JSON string literal at `p`; plain ASCII is copied, the
   * rest (escapes, non-ASCII) goes through the writer's `JSON.stringify` path. Returns the new end.
   */
  private putJsonText(bytes: Buffer, start: number, end: number, line: Buffer, p: number): number {
    const from = p;
    line[p++] = QUOTE;
    for (let i = start; i < end; i++) {
      const byte = bytes[i]!;
      if (byte < 0x20 || byte === QUOTE || byte === BACKSLASH || byte > MAX_ASCII) {
        this.out.advance(from);
        this.out.writeJsonString(bytes.toString('utf8', start, end));
        return this.out.position;
      }
      line[p++] = byte;
    }
    line[p++] = QUOTE;
    return p;
  }

  /** `<utc>","date":"<date>` at `p` (the quotes around come from the constants); returns the new end. */
  private putTimestamp(bytes: Uint8Array, line: Buffer, p: number): number {
    const t = this.timestamp;
    if (t.canonical) {
      // The source already is the canonical form; its first 10 bytes are the date.
      const start = t.secondAt - 17;
      p = put(bytes, start, start + 24, line, p);
      p = put(DATE, 0, DATE.length, line, p);
      return put(bytes, start, start + 10, line, p);
    }
    const date = p;
    p = putDigits(t.year, 4, line, p);
    line[p++] = HYPHEN;
    p = putDigits(t.month, 2, line, p);
    line[p++] = HYPHEN;
    p = putDigits(t.day, 2, line, p);
    line[p++] = UPPER_T;
    p = putDigits(t.hour, 2, line, p);
    line[p++] = COLON;
    p = putDigits(t.minute, 2, line, p);
    line[p++] = COLON;
    p = put(bytes, t.secondAt, t.secondAt + 2, line, p);
    line[p++] = POINT;
    p = put(bytes, t.fractionStart, t.fractionEnd, line, p);
    for (let z = t.fractionEnd - t.fractionStart; z < 3; z++) line[p++] = DIGIT_ZERO;
    line[p++] = UPPER_Z;
    p = put(DATE, 0, DATE.length, line, p);
    return put(line, date, date + 10, line, p);
  }

  /** The canonical minor-units digits at `p`; returns the new end. */
  private putAmount(bytes: Uint8Array, line: Buffer, p: number): number {
    const amount = this.amount;
    if (amount.isZero) {
      line[p++] = DIGIT_ZERO;
      return p;
    }
    if (amount.negative) line[p++] = HYPHEN;
    p = put(bytes, amount.headStart, amount.headEnd, line, p);
    p = put(bytes, amount.tailStart, amount.tailEnd, line, p);
    for (let z = 0; z < amount.padZeros; z++) line[p++] = DIGIT_ZERO;
    return p;
  }
}

/** Copies `source[start, end)` to `target` at `at`; returns the end. Short copies: a loop beats a native call. */
function put(source: Uint8Array, start: number, end: number, target: Buffer, at: number): number {
  for (let i = start; i < end; i++) target[at++] = source[i]!;
  return at;
}

/** `value` as `digits` zero-padded decimal digits at `at`; returns the end. */
function putDigits(value: number, digits: number, target: Buffer, at: number): number {
  for (let d = at + digits - 1; d >= at; d--) {
    target[d] = DIGIT_ZERO + (value % 10);
    value = (value - (value % 10)) / 10;
  }
  return at + digits;
}
