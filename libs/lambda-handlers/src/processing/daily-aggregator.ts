import type { CurrencyTable } from './currencies.js';
import { GROUP_SLOT_BYTES, type ProcessorCore } from './processor-core.js';
import { TRANSACTION_STATUSES, type Aggregate, type NormalizedRecord, type TransactionStatus } from './types.js';

/** Which of a group's three sums a status adds to: its position in TRANSACTION_STATUSES. */
const STATUS_INDEX = Object.fromEntries(TRANSACTION_STATUSES.map((status, index) => [status, index])) as Readonly<
  Record<TransactionStatus, number>
>;
/** A core sum is high × 2^62 + low (assembly/aggregates.ts). */
const CARRY = 2n ** 62n;
const CURRENCY_SLOTS = 256;

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Each name's position in code-unit order. */
function rank(names: readonly string[]): Int32Array {
  const order = names.map((_, i) => i).sort((a, b) => compareText(names[a]!, names[b]!));
  const ranks = new Int32Array(names.length);
  order.forEach((index, position) => (ranks[index] = position));
  return ranks;
}

/** year × 512 + month × 32 + day: orders like the date and decodes back to it (see dateText). */
function dateOrdinal(year: number, month: number, day: number): number {
  return year * 512 + month * 32 + day;
}

/** {@link dateOrdinal} of a `yyyy-mm-dd` string. */
function dateOrdinalOfText(date: string): number {
  const d = (i: number): number => date.charCodeAt(i) - 48;
  return dateOrdinal(d(0) * 1000 + d(1) * 100 + d(2) * 10 + d(3), d(5) * 10 + d(6), d(8) * 10 + d(9));
}

function dateText(ordinal: number): string {
  const year = Math.floor(ordinal / 512);
  const month = Math.floor((ordinal % 512) / 32);
  const day = ordinal % 32;
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Marks an account key that is not UTF-8 (never a UTF-8 byte), see {@link accountKey}. */
const UTF16_KEY = 0xff;

/**
 * The bytes an account is interned by: its UTF-8, which is what the CSV fast path sees. A string
 * with a lone surrogate (possible from JSON) has no UTF-8 of its own, so it is keyed by its UTF-16
 * code units behind a 0xFF byte instead, which no UTF-8 key starts with.
 */
function accountKey(accountId: string): Buffer {
  if (!LONE_SURROGATE.test(accountId)) return Buffer.from(accountId, 'utf8');
  const key = Buffer.alloc(1 + 2 * accountId.length);
  key[0] = UTF16_KEY;
  key.write(accountId, 1, 'utf16le');
  return key;
}

function accountText(key: Buffer): string {
  return key[0] === UTF16_KEY ? key.toString('utf16le', 1) : key.toString('utf8');
}

/**
 * Per (account, currency, UTC date) totals in exact integer minor units.
 *
 * The groups live in the processor core (assembly/aggregates.ts), where the CSV fast path adds to
 * them: accounts interned once as bytes, one 64-byte slot per group holding the count and three
 * sums as 128-bit integers made of two i64, so nothing overflows and no row costs a BigInt; every
 * amount is below 10^18 (SPEC §5), so it fits one i64. Rows of the general path come in through
 * {@link add}. Memory grows with the number of distinct groups, not rows.
 */
export class DailyAggregator {
  constructor(
    private readonly core: ProcessorCore,
    private readonly currencies: CurrencyTable,
  ) {}

  /** Number of distinct (account, currency, date) groups so far. */
  get size(): number {
    return this.core.exports.groupCount.value as number;
  }

  /** Counts a valid record in its group. */
  add(record: NormalizedRecord): void {
    const core = this.core.exports;
    const key = accountKey(record.accountId);
    const at = core.scratchPointer(key.length);
    this.core.bytes.set(key, at);
    const account = core.accountIndex(at, at + key.length);
    const currency = this.currencies.get(record.currency)!.index;
    const group = dateOrdinalOfText(record.date) * CURRENCY_SLOTS + currency;
    const status = STATUS_INDEX[record.status];
    core.addToGroup(account, group, status, BigInt(record.amountMinor));
  }

  /**
   * Every group, sorted by accountId, then currency, then date (code-unit order). Built for a few
   * hundred thousand groups: groups are bucketed by account rank (a counting sort) and only each
   * account's few groups are compared, so no comparator runs over the whole list.
   */
  results(): Aggregate[] {
    const core = this.core.exports;
    const bytes = this.core.bytes;
    const view = this.core.view;
    const words = this.core.words;
    const refs = (core.accountRefs.value as number) >>> 2;
    const arena = core.accountArena.value as number;
    const accounts = Array.from({ length: core.accountCount.value as number }, (_, i) => {
      const start = arena + words[refs + 2 * i]!;
      return accountText(bytes.subarray(start, start + words[refs + 2 * i + 1]!));
    });
    const accountRank = rank(accounts);
    const currencyRank = rank(this.currencies.codes);

    // Occupied slots, bucketed by account rank.
    const table = core.groupTable.value as number;
    const slotCount = core.groupSlots();
    const perAccount = new Int32Array(accounts.length + 1);
    for (let i = 0, w = table >>> 2; i < slotCount; i++, w += GROUP_SLOT_BYTES / 4) {
      const stored = words[w]!;
      if (stored !== 0) perAccount[accountRank[stored - 1]! + 1]!++;
    }
    for (let r = 1; r <= accounts.length; r++) perAccount[r]! += perAccount[r - 1]!;
    const groups = perAccount[accounts.length]!;
    const order = new Int32Array(groups); // slot addresses
    const within = new Float64Array(groups); // currency rank × 2^23 + date ordinal
    const next = perAccount.slice(0, accounts.length);
    for (let i = 0, slot = table; i < slotCount; i++, slot += GROUP_SLOT_BYTES) {
      const stored = words[slot >>> 2]!;
      if (stored === 0) continue;
      const key = words[(slot >>> 2) + 1]!;
      const at = next[accountRank[stored - 1]!]!++;
      order[at] = slot;
      within[at] = currencyRank[key % CURRENCY_SLOTS]! * 2 ** 23 + Math.floor(key / CURRENCY_SLOTS);
    }
    // Each account's groups by (currency, date): insertion sort, as an account has few groups.
    for (let r = 0; r < accounts.length; r++) {
      for (let i = perAccount[r]! + 1; i < perAccount[r + 1]!; i++) {
        const slot = order[i]!;
        const value = within[i]!;
        let j = i - 1;
        for (; j >= perAccount[r]! && within[j]! > value; j--) {
          order[j + 1] = order[j]!;
          within[j + 1] = within[j]!;
        }
        order[j + 1] = slot;
        within[j + 1] = value;
      }
    }

    const dates = new Map<number, string>();
    const dateOf = (ordinal: number): string => {
      let text = dates.get(ordinal);
      if (text === undefined) dates.set(ordinal, (text = dateText(ordinal)));
      return text;
    };
    // Slot words (see assembly/aggregates.ts): 0 account + 1, 1 key, 2–3 count, then per status
    // 4 + 4s, 5 + 4s the low i64 and 6 + 4s, 7 + 4s its carry. Read as 32-bit halves: a value
    // whose high half is within ±2^21 is an exact number, the usual case by far; one that fits 32
    // bits is its low half alone, an integer rather than a double, which V8 turns into text faster.
    const signed = new Int32Array(words.buffer);
    const codes = this.currencies.codes;
    const bigTotal = (at: number): string => {
      const sum = view.getBigInt64(4 * at + 8, true) * CARRY + view.getBigInt64(4 * at, true);
      return sum.toString();
    };
    const total = (w: number, status: number): string => {
      const at = w + 4 + 4 * status;
      const high = signed[at + 1]!;
      if (signed[at + 2] !== 0 || signed[at + 3] !== 0) return bigTotal(at);
      const low = signed[at]!;
      if ((high === 0 && low >= 0) || (high === -1 && low < 0)) return String(low);
      if (high >= -(2 ** 21) && high < 2 ** 21) return String(high * 2 ** 32 + words[at]!);
      return bigTotal(at);
    };
    const results = new Array<Aggregate>(groups);
    for (let g = 0; g < groups; g++) {
      const w = order[g]! >>> 2;
      const account = words[w]! - 1;
      const key = words[w + 1]!;
      results[g] = {
        accountId: accounts[account]!,
        currency: codes[key % CURRENCY_SLOTS]!,
        date: dateOf(Math.floor(key / CURRENCY_SLOTS)),
        transactionCount: signed[w + 3]! * 2 ** 32 + words[w + 2]!,
        settledMinor: total(w, 0),
        pendingMinor: total(w, 1),
        reversedMinor: total(w, 2),
      };
    }
    return results;
  }
}
