import type { Aggregate, NormalizedRecord, TransactionStatus } from './types.js';

const INT64_MAX = 2n ** 63n - 1n;
const INT64_MIN = -(2n ** 63n);
const STATUS_OFFSET: Readonly<Record<TransactionStatus, number>> = { settled: 0, pending: 1, reversed: 2 };
const SLOT = 4; // [account + 1, date-currency key, group, transaction count]
const MAX_COUNT = 2 ** 32 - 1;
const CURRENCY_SLOTS = 256;

/**
 * A copy of `text` that shares no memory with the input buffer it was sliced from. V8 keeps
 * substrings as views into their parent, so a long-lived key would pin a whole input chunk.
 */
function detach(text: string): string {
  return ` ${text}`.slice(1);
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** `yyyy-mm-dd` → year × 512 + month × 32 + day: orders like the date and decodes back to it. */
function dateOrdinal(date: string): number {
  const d = (i: number): number => date.charCodeAt(i) - 48;
  return (d(0) * 1000 + d(1) * 100 + d(2) * 10 + d(3)) * 512 + (d(5) * 10 + d(6)) * 32 + d(8) * 10 + d(9);
}

function dateText(ordinal: number): string {
  const year = Math.floor(ordinal / 512);
  const month = Math.floor((ordinal % 512) / 32);
  const day = ordinal % 32;
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/**
 * Per (account, currency, UTC date) totals in exact integer minor units.
 *
 * Every addition is a BigInt addition. Sums live in a BigInt64Array, three per group (settled,
 * pending, reversed); a sum that would leave the int64 range moves into an unbounded BigInt
 * overflow slot, so totals of any size stay exact.
 *
 * Laid out for few cache misses per row, which is what this costs on large files: the account id
 * is interned once (one Map lookup), then (account, date, currency) is found as three small
 * integers in one open-addressed Uint32Array that also holds the count; no objects per group.
 * Memory grows with the number of distinct groups (~100 bytes each), not with the number of rows.
 */
export class DailyAggregator {
  private readonly accountIndex = new Map<string, number>();
  private readonly accounts: string[] = [];
  private readonly currencyIndex = new Map<string, number>();
  private readonly currencies: string[] = [];
  private table = new Uint32Array(SLOT * 1024);
  private mask = 1023;
  private groups = 0;
  /** Per group: the table slot holding it, so results can find key and count. */
  private slotOf = new Uint32Array(1024);
  private sums = new BigInt64Array(3 * 1024);
  private readonly overflow = new Map<number, bigint>();

  /** Number of distinct (account, currency, date) groups so far. */
  get size(): number {
    return this.groups;
  }

  /** Counts a valid record in its group. */
  add(record: NormalizedRecord): void {
    let account = this.accountIndex.get(record.accountId);
    if (account === undefined) {
      account = this.accounts.push(detach(record.accountId)) - 1;
      this.accountIndex.set(this.accounts[account]!, account);
    }
    let currency = this.currencyIndex.get(record.currency);
    if (currency === undefined) {
      if (this.currencies.length === CURRENCY_SLOTS) throw new RangeError(`More than ${CURRENCY_SLOTS} currencies`);
      currency = this.currencies.push(record.currency) - 1;
      this.currencyIndex.set(record.currency, currency);
    }
    // ≤ 5 120 000 × 256: a small integer (Smi) that is cheap to hash and compare.
    const key = dateOrdinal(record.date) * CURRENCY_SLOTS + currency;

    const slot = this.slotFor(account, key);
    const table = this.table;
    if (table[slot + 3] === MAX_COUNT) throw new RangeError('More than 2^32 - 1 transactions in one group');
    table[slot + 3]!++;
    const sumIndex = 3 * table[slot + 2]! + STATUS_OFFSET[record.status];
    const sum = this.sums[sumIndex]! + BigInt(record.amountMinor);
    if (sum <= INT64_MAX && sum >= INT64_MIN) {
      this.sums[sumIndex] = sum;
    } else {
      this.overflow.set(sumIndex, (this.overflow.get(sumIndex) ?? 0n) + sum);
      this.sums[sumIndex] = 0n;
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
    const account = (g: number): number => table[this.slotOf[g]!]! - 1;
    const key = (g: number): number => table[this.slotOf[g]! + 1]!;
    // One number per group that sorts like (account, currency, date): rank × 2^31 + currency
    // rank × 2^23 + date ordinal, exact while there are fewer than 2^22 accounts.
    const sortKey = new Float64Array(this.groups);
    for (let g = 0; g < this.groups; g++) {
      const k = key(g);
      sortKey[g] =
        accountRank[account(g)]! * 2 ** 31 + currencyRank[k % CURRENCY_SLOTS]! * 2 ** 23 + Math.floor(k / CURRENCY_SLOTS);
    }
    const order = Array.from({ length: this.groups }, (_, g) => g);
    if (this.accounts.length < 2 ** 22) {
      order.sort((a, b) => sortKey[a]! - sortKey[b]!);
    } else {
      order.sort(
        (a, b) =>
          accountRank[account(a)]! - accountRank[account(b)]! ||
          currencyRank[key(a) % CURRENCY_SLOTS]! - currencyRank[key(b) % CURRENCY_SLOTS]! ||
          key(a) - key(b),
      );
    }
    const total = (index: number): string => (this.sums[index]! + (this.overflow.get(index) ?? 0n)).toString();
    return order.map((g) => ({
      accountId: this.accounts[account(g)]!,
      currency: this.currencies[key(g) % CURRENCY_SLOTS]!,
      date: dateText(Math.floor(key(g) / CURRENCY_SLOTS)),
      transactionCount: table[this.slotOf[g]! + 3]!,
      settledMinor: total(3 * g),
      pendingMinor: total(3 * g + 1),
      reversedMinor: total(3 * g + 2),
    }));
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
    if ((this.groups + 1) * 2 > this.mask + 1) {
      this.grow();
      return this.slotFor(stored - 1, key);
    }
    const group = this.groups++;
    if (group === this.slotOf.length) {
      const slotOf = new Uint32Array(2 * group);
      slotOf.set(this.slotOf);
      this.slotOf = slotOf;
      const sums = new BigInt64Array(6 * group);
      sums.set(this.sums);
      this.sums = sums;
    }
    this.table[slot] = stored;
    this.table[slot + 1] = key;
    this.table[slot + 2] = group;
    this.slotOf[group] = slot;
    return slot;
  }

  private grow(): void {
    const old = this.table;
    this.table = new Uint32Array(2 * old.length);
    this.mask = 2 * (this.mask + 1) - 1;
    for (let from = 0; from < old.length; from += SLOT) {
      const stored = old[from]!;
      if (stored === 0) continue;
      const key = old[from + 1]!;
      let i = (Math.imul(stored, 0x9e3779b1) ^ Math.imul(key, 0x85ebca6b)) & this.mask;
      while (this.table[SLOT * i] !== 0) i = (i + 1) & this.mask;
      const to = SLOT * i;
      this.table.set(old.subarray(from, from + SLOT), to);
      this.slotOf[old[from + 2]!] = to;
    }
  }
}
