import type { Aggregate, NormalizedRecord, ProcessingResult } from '../types.js';

const SUMS = ['settledMinor', 'pendingMinor', 'reversedMinor'] as const;

/**
 * The file's result from its shards' results (in shard order): counts add up, aggregates of the
 * same (account, currency, date) add up exactly (BigInt), sorted as the single path sorts them;
 * the byte counts are the file's, since each shard also read the prefix.
 */
export function combineShardResults(results: readonly ProcessingResult[], fileBytes: number): ProcessingResult {
  const records = { total: 0, valid: 0, quarantined: 0 };
  const groups = new Map<string, Aggregate>();
  for (const result of results) {
    records.total += result.records.total;
    records.valid += result.records.valid;
    records.quarantined += result.records.quarantined;
    for (const aggregate of result.aggregates) {
      const key = groupKey(aggregate);
      const sum = groups.get(key);
      if (sum === undefined) {
        groups.set(key, { ...aggregate });
        continue;
      }
      sum.transactionCount += aggregate.transactionCount;
      for (const field of SUMS) sum[field] = (BigInt(sum[field]) + BigInt(aggregate[field])).toString();
    }
  }
  const aggregates = [...groups.values()].sort(
    (a, b) => compareCodeUnits(a.accountId, b.accountId) || compareCodeUnits(a.currency, b.currency) || compareCodeUnits(a.date, b.date),
  );
  return { records, aggregates, bytesRead: fileBytes, bytesDecoded: fileBytes };
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
  if (records.length === 0) return [...aggregates];
  const groups = new Map(aggregates.map((aggregate) => [groupKey(aggregate), { ...aggregate }]));
  for (const record of records) {
    const group = groups.get(groupKey(record));
    if (group === undefined) throw new Error(`fan-out: no aggregate holds the record ${record.transactionId} taken out by pass two`);
    group.transactionCount -= 1;
    const sum = `${record.status}Minor` as (typeof SUMS)[number];
    group[sum] = (BigInt(group[sum]) - BigInt(record.amountMinor)).toString();
  }
  return [...groups.values()].filter((group) => group.transactionCount > 0);
}

function groupKey(row: { accountId: string; currency: string; date: string }): string {
  return JSON.stringify([row.accountId, row.currency, row.date]);
}
