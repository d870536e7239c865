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
    out.reserve(LINE_OVERHEAD + 6 * (idEnd - idStart + accountEnd - accountStart + merchantEnd - merchantStart));

    out.writeBytes(OPEN);
    out.writeUtf8JsonString(bytes, idStart, idEnd);
    out.writeBytes(ACCOUNT);
    out.writeUtf8JsonString(bytes, accountStart, accountEnd);
    out.writeBytes(TIMESTAMP);
    this.writeTimestamp(bytes);
    out.writeBytes(CURRENCY);
    out.writeBytes(currency);
    out.writeBytes(AMOUNT);
    this.writeAmount(bytes);
    out.writeBytes(STATUS);
    out.writeBytes(STATUS_BYTES[status]!);
    if (merchantEnd > merchantStart) {
      out.writeBytes(MERCHANT);
      out.writeUtf8JsonString(bytes, merchantStart, merchantEnd);
      out.writeBytes(CLOSE);
    } else {
      out.writeBytes(CLOSE_AFTER_STATUS);
    }
  }

  /** `<utc>","date":"<date>` (the quotes around come from the constants). */
  private writeTimestamp(bytes: Uint8Array): void {
    const t = this.timestamp;
    const out = this.out;
    if (t.canonical) {
      // The source already is the canonical form; its first 10 bytes are the date.
      const start = t.secondAt - 17;
      out.writeBytes(bytes, start, start + 24);
      out.writeBytes(DATE);
      out.writeBytes(bytes, start, start + 10);
      return;
    }
    const dateStart = out.position;
    out.writeDigits(t.year, 4);
    out.writeByte(HYPHEN);
    out.writeDigits(t.month, 2);
    out.writeByte(HYPHEN);
    out.writeDigits(t.day, 2);
    out.writeByte(UPPER_T);
    out.writeDigits(t.hour, 2);
    out.writeByte(COLON);
    out.writeDigits(t.minute, 2);
    out.writeByte(COLON);
    out.writeBytes(bytes, t.secondAt, t.secondAt + 2);
    out.writeByte(POINT);
    out.writeBytes(bytes, t.fractionStart, t.fractionEnd);
    out.writeZeros(Math.max(0, 3 - (t.fractionEnd - t.fractionStart)));
    out.writeByte(UPPER_Z);
    out.writeBytes(DATE);
    out.writeCopy(dateStart, 10);
  }

  private writeAmount(bytes: Uint8Array): void {
    const amount = this.amount;
    const out = this.out;
    if (amount.isZero) {
      out.writeByte(DIGIT_ZERO);
      return;
    }
    if (amount.negative) out.writeByte(HYPHEN);
    out.writeBytes(bytes, amount.headStart, amount.headEnd);
    out.writeBytes(bytes, amount.tailStart, amount.tailEnd);
    out.writeZeros(amount.padZeros);
  }
}
