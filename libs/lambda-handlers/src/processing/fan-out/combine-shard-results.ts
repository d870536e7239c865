import type { Aggregate, NormalizedRecord, ProcessingResult } from '../types.js';

/**
 * The file's result from its shards' results (in shard order, or partial sums of them: the sum is
 * associative): counts add up, aggregates of the same (account, currency, date) add up exactly;
 * the byte counts are the file's, since each shard also read the prefix. Every shard's aggregates
 * come sorted as the single path sorts them, so they are merged pairwise like sorted lists, which
 * keeps that order with no hashing and no sort.
 */
export function combineShardResults(results: readonly ProcessingResult[], fileBytes: number): ProcessingResult {
  const records = { total: 0, valid: 0, quarantined: 0 };
  for (const result of results) {
    records.total += result.records.total;
    records.valid += result.records.valid;
    records.quarantined += result.records.quarantined;
  }
  let lists = results.map((result) => result.aggregates);
  while (lists.length > 1) {
    const merged: Aggregate[][] = [];
    for (let i = 0; i < lists.length; i += 2) merged.push(i + 1 < lists.length ? mergeSorted(lists[i]!, lists[i + 1]!) : lists[i]!);
    lists = merged;
  }
  return { records, aggregates: [...(lists[0] ?? [])], bytesRead: fileBytes, bytesDecoded: fileBytes };
}

/** Two sorted aggregate lists as one, groups present in both summed. */
function mergeSorted(a: readonly Aggregate[], b: readonly Aggregate[]): Aggregate[] {
  const out: Aggregate[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const x = a[i]!;
    const y = b[j]!;
    const order = compareGroups(x, y);
    if (order < 0) out.push(a[i++]!);
    else if (order > 0) out.push(b[j++]!);
    else {
      out.push({
        ...x,
        transactionCount: x.transactionCount + y.transactionCount,
        settledMinor: addMinor(x.settledMinor, y.settledMinor),
        pendingMinor: addMinor(x.pendingMinor, y.pendingMinor),
        reversedMinor: addMinor(x.reversedMinor, y.reversedMinor),
      });
      i++;
      j++;
    }
  }
  while (i < a.length) out.push(a[i++]!);
  while (j < b.length) out.push(b[j++]!);
  return out;
}

type GroupOf = Pick<Aggregate, 'accountId' | 'currency' | 'date'>;

/** The single path's aggregate order: account, currency, date, each in code units. */
function compareGroups(a: GroupOf, b: GroupOf): number {
  return compareCodeUnits(a.accountId, b.accountId) || compareCodeUnits(a.currency, b.currency) || compareCodeUnits(a.date, b.date);
}

/** Up to 15 digits (and a sign) a sum is exact as a double; past that, BigInt. */
const SAFE_DIGITS = 16;

/** The exact sum of two integer strings, as the single path writes it (BigInt's decimal form). */
function addMinor(a: string, b: string): string {
  if (a.length < SAFE_DIGITS && b.length < SAFE_DIGITS) return String(Number(a) + Number(b));
  return (BigInt(a) + BigInt(b)).toString();
}

/** Plain UTF-16 code-unit order, the order the single path sorts aggregates in. */
export function compareCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Aggregates without the given valid records (rows pass two turned into `duplicate_id`): each
 * record's group loses one transaction and its amount from its status's sum, exactly (BigInt); a
 * group left with no transaction is dropped, as the single path never creates it.
 */
export function withoutRecords(aggregates: readonly Aggregate[], records: readonly NormalizedRecord[]): Aggregate[] {
  const out = [...aggregates];
  for (const record of records) {
    // The list is sorted (compareGroups): a binary search finds the record's group.
    let low = 0;
    let high = out.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if (compareGroups(out[mid]!, record) < 0) low = mid + 1;
      else high = mid;
    }
    const group = out[low];
    if (group === undefined || compareGroups(group, record) !== 0) throw new Error(`fan-out: no aggregate holds the record ${record.transactionId} taken out by pass two`);
    const sum = `${record.status}Minor` as const;
    out[low] = { ...group, transactionCount: group.transactionCount - 1, [sum]: (BigInt(group[sum]) - BigInt(record.amountMinor)).toString() };
  }
  return out.filter((group) => group.transactionCount > 0);
}
