import { StringInterner } from './string-interner.js';
import { TRANSACTION_STATUSES, type Aggregate, type NormalizedRecord, type TransactionStatus } from './types.js';

/**
 * Running sums are plain numbers holding exact integers: a sum is kept within ±FLUSH_AT and each
 * amount added to it has at most SMALL_AMOUNT_DIGITS digits (< 2^50), so every addition lands
 * below 2^53 in magnitude, where doubles represent every integer and integer addition is exact
 * (no rounding can occur).
 */
const FLUSH_AT = 2 ** 52;
/** Amounts of at most this many digits (< 10^15 < 2^50) take the number path. */
export const SMALL_AMOUNT_DIGITS = 15;
/** Which of a group's three sums a status adds to: its position in TRANSACTION_STATUSES. */
const STATUS_INDEX = Object.fromEntries(TRANSACTION_STATUSES.map((status, index) => [status, index])) as Readonly<
  Record<TransactionStatus, number>
>;
/** A group's table slot: [account + 1 (0 = empty), date-currency key, count, settled, pending, reversed]. */
const SLOT = 6;
const COUNT = 2;
const SUMS = 3;
/** Grow past 3/4 full: probes walk adjacent slots, and a slot is 48 bytes. */
const MAX_LOAD = 0.75;
const MAX_COUNT = 2 ** 32 - 1;
const CURRENCY_SLOTS = 256;

/** Identifies one sum of one group in the overflow map (only touched on the rare BigInt path). */
function overflowKey(account: number, key: number, status: number): string {
  return `${account}/${key}/${status}`;
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** year × 512 + month × 32 + day: orders like the date and decodes back to it (see dateText). */
export function dateOrdinal(year: number, month: number, day: number): number {
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

/**
 * The integer value of a canonical minor-units string (`-?[0-9]+`, validated upstream) of at most
 * {@link SMALL_AMOUNT_DIGITS} digits. Exact: every step stays below 10^15.
 */
function smallAmount(text: string): number {
  const negative = text.charCodeAt(0) === 45; // -
  let value = 0;
  for (let i = negative ? 1 : 0; i < text.length; i++) value = value * 10 + (text.charCodeAt(i) - 48);
  return negative ? 0 - value : value; // 0 - 0 is +0, never -0
}

/**
 * Per (account, currency, UTC date) totals in exact integer minor units.
 *
 * Money is never rounded, but a BigInt per row (parse, load, add, store: four allocations) is
 * needless while the numbers are small. So sums are plain numbers holding only integers of magnitude ≤ 2^52 (see
 * {@link FLUSH_AT}); amounts of ≤ 15 digits are added there exactly. When a sum passes 2^52 it is
 * flushed into an unbounded BigInt overflow entry and restarts at 0; longer amounts go straight
 * to that entry. A total is the BigInt sum of both, so totals of any size stay exact and rows
 * cost no BigInt work until a group's sum reaches ~4.5e15 minor units.
 *
 * Laid out for few cache misses per row, which is what this costs on large files (groups are hit
 * in random order): the account id is interned once (see StringInterner), then (account, date,
 * currency) is found as two small integers in one open-addressed Float64Array whose slot also
 * holds the count and the three sums, so a row touches one slot; no objects per group. Memory
 * grows with the number of distinct groups (64–128 bytes each), not with the number of rows.
 */
export class DailyAggregator {
  private readonly accountIndex = new StringInterner();
  private readonly accounts = this.accountIndex.values;
  private readonly currencyIndex = new Map<string, number>();
  private readonly currencies: string[] = [];
  private table = new Float64Array(SLOT * 1024);
  private mask = 1023;
  private groups = 0;
  /** Flushed and oversized parts of sums, keyed by {@link overflowKey}; slots move, keys do not. */
  private readonly overflow = new Map<string, bigint>();

  /** Number of distinct (account, currency, date) groups so far. */
  get size(): number {
    return this.groups;
  }

  /** Counts a valid record in its group. */
  add(record: NormalizedRecord): void {
    const account = this.accountIndex.indexOf(record.accountId);
    const key = this.groupKey(dateOrdinalOfText(record.date), this.currencyIndexOf(record.currency));
    const status = STATUS_INDEX[record.status];
    const amount = record.amountMinor;
    if (amount.length - (amount.charCodeAt(0) === 45 ? 1 : 0) > SMALL_AMOUNT_DIGITS) {
      this.addToOverflow(account, key, status, BigInt(amount));
      this.count(this.slotFor(account, key));
      return;
    }
    this.addSmall(account, key, status, smallAmount(amount));
  }

  /**
   * The dense index of the account spelled by the ASCII bytes `bytes[start, end)` (`view` is a
   * DataView of `bytes`), for {@link addSmall}.
   */
  accountIndexOfAscii(bytes: Uint8Array, view: DataView, start: number, end: number): number {
    return this.accountIndex.indexOfAscii(bytes, view, start, end);
  }

  /** The group key of a UTC date (see {@link dateOrdinal}) and a currency index. */
  groupKey(dateOrdinal: number, currency: number): number {
    // ≤ 5 120 000 × 256: a small integer (Smi) that is cheap to hash and compare.
    return dateOrdinal * CURRENCY_SLOTS + currency;
  }

  /** The dense index of a currency code. */
  currencyIndexOf(code: string): number {
    let currency = this.currencyIndex.get(code);
    if (currency === undefined) {
      if (this.currencies.length === CURRENCY_SLOTS) throw new RangeError(`More than ${CURRENCY_SLOTS} currencies`);
      currency = this.currencies.push(code) - 1;
      this.currencyIndex.set(code, currency);
    }
    return currency;
  }

  /**
   * Counts one transaction of `amount` minor units (an integer of magnitude < 10^15) with status
   * index `status` (its position in TRANSACTION_STATUSES) in the group of `account` and `key`.
   */
  addSmall(account: number, key: number, status: number, amount: number): void {
    const slot = this.slotFor(account, key);
    this.count(slot);
    const table = this.table;
    // |sum| ≤ 2^52 and |amount| < 2^50, so this addition is exact (below 2^53).
    const sum = table[slot + SUMS + status]! + amount;
    if (sum > FLUSH_AT || sum < -FLUSH_AT) {
      this.addToOverflow(account, key, status, BigInt(sum));
      table[slot + SUMS + status] = 0;
    } else {
      table[slot + SUMS + status] = sum;
    }
  }

  /** Every group, sorted by accountId, then currency, then date (code-unit order). */
  results(): Aggregate[] {
    const rank = (names: string[]): Int32Array => {
      const order = names.map((_, i) => i).sort((a, b) => compareText(names[a]!, names[b]!));
      const ranks = new Int32Array(names.length);
      order.forEach((index, position) => (ranks[index] = position));
      return ranks;
    };
    const accountRank = rank(this.accounts);
    const currencyRank = rank(this.currencies);
    const table = this.table;
    const slots: number[] = [];
    for (let slot = 0; slot < table.length; slot += SLOT) if (table[slot] !== 0) slots.push(slot);
    const account = (slot: number): number => table[slot]! - 1;
    const key = (slot: number): number => table[slot + 1]!;
    // One number per group that sorts like (account, currency, date): rank × 2^31 + currency
    // rank × 2^23 + date ordinal, exact while there are fewer than 2^22 accounts.
    const sortKey = new Float64Array(slots.length);
    const order = slots.map((slot, g) => {
      const k = key(slot);
      sortKey[g] =
        accountRank[account(slot)]! * 2 ** 31 + currencyRank[k % CURRENCY_SLOTS]! * 2 ** 23 + Math.floor(k / CURRENCY_SLOTS);
      return g;
    });
    if (this.accounts.length < 2 ** 22) {
      order.sort((a, b) => sortKey[a]! - sortKey[b]!);
    } else {
      order.sort((a, b) => {
        const sa = slots[a]!;
        const sb = slots[b]!;
        return (
          accountRank[account(sa)]! - accountRank[account(sb)]! ||
          currencyRank[key(sa) % CURRENCY_SLOTS]! - currencyRank[key(sb) % CURRENCY_SLOTS]! ||
          key(sa) - key(sb)
        );
      });
    }
    const total = (slot: number, status: number): string => {
      const sum = table[slot + SUMS + status]!;
      const overflow = this.overflow.size === 0 ? undefined : this.overflow.get(overflowKey(account(slot), key(slot), status));
      return overflow === undefined ? String(sum) : (BigInt(sum) + overflow).toString();
    };
    return order.map((g) => {
      const slot = slots[g]!;
      return {
        accountId: this.accounts[account(slot)]!,
        currency: this.currencies[key(slot) % CURRENCY_SLOTS]!,
        date: dateText(Math.floor(key(slot) / CURRENCY_SLOTS)),
        transactionCount: table[slot + COUNT]!,
        settledMinor: total(slot, 0),
        pendingMinor: total(slot, 1),
        reversedMinor: total(slot, 2),
      };
    });
  }

  private count(slot: number): void {
    if (this.table[slot + COUNT] === MAX_COUNT) throw new RangeError('More than 2^32 - 1 transactions in one group');
    this.table[slot + COUNT]!++;
  }

  private addToOverflow(account: number, key: number, status: number, value: bigint): void {
    const id = overflowKey(account, key, status);
    this.overflow.set(id, (this.overflow.get(id) ?? 0n) + value);
  }

  /** The table slot (array offset) of the group, created if new. */
  private slotFor(account: number, key: number): number {
    const stored = account + 1;
    const mask = this.mask;
    let i = (Math.imul(stored, 0x9e3779b1) ^ Math.imul(key, 0x85ebca6b)) & mask;
    for (;;) {
      const slot = SLOT * i;
      const occupant = this.table[slot]!;
      if (occupant === 0) return this.insert(slot, stored, key);
      if (occupant === stored && this.table[slot + 1] === key) return slot;
      i = (i + 1) & mask;
    }
  }

  private insert(slot: number, stored: number, key: number): number {
    if (this.groups + 1 > (this.mask + 1) * MAX_LOAD) {
      this.grow();
      return this.slotFor(stored - 1, key);
    }
    this.groups++;
    this.table[slot] = stored;
    this.table[slot + 1] = key; // count and sums are already 0
    return slot;
  }

  private grow(): void {
    const old = this.table;
    this.table = new Float64Array(2 * old.length);
    this.mask = 2 * (this.mask + 1) - 1;
    for (let from = 0; from < old.length; from += SLOT) {
      const stored = old[from]!;
      if (stored === 0) continue;
      const key = old[from + 1]!;
      let i = (Math.imul(stored, 0x9e3779b1) ^ Math.imul(key, 0x85ebca6b)) & this.mask;
      while (this.table[SLOT * i] !== 0) i = (i + 1) & this.mask;
      this.table.set(old.subarray(from, from + SLOT), SLOT * i);
    }
  }
}
