import { describe, expect, it } from 'vitest';
import { HASH_SLICES, hashSliceStarts } from '../../../src/processing/fan-out/id-run.js';
import { knownIdsOf } from '../../../src/processing/fan-out/shard-facts.js';
import { hashRanges, mergeInHashRanges, type ShardIdRun } from '../../../src/pipeline/fan-out/merge-in-hash-ranges.js';
import { idRunOf, memoryReader } from './fan-out-harness.js';

/** Six shards drawing from one pool of ids, so most ids recur in several shards (and some shards share none). */
const shardIds = Array.from({ length: 6 }, (_, shard) => Array.from({ length: 3_000 }, (_, i) => `id-${(i * 7 + shard * 1_301) % 9_000}`));
const runs = shardIds.map((ids) => idRunOf(ids).run);
const total = runs.reduce((sum, run) => sum + run.length, 0);

function shardRuns(): (ShardIdRun & { read: ReturnType<typeof memoryReader> })[] {
  return runs.map((run) => ({ sliceStarts: hashSliceStarts(run), read: memoryReader(run) }));
}

describe('hashRanges', () => {
  it('covers the 256 slices in consecutive ranges, each within the budget unless it is a single slice', () => {
    const starts = runs.map(hashSliceStarts);
    for (const budget of [0, 1, 500, 4_096, total / 3, total]) {
      const ranges = hashRanges(starts, budget);
      expect(ranges[0]!.from).toBe(0);
      expect(ranges.at(-1)!.to).toBe(HASH_SLICES);
      ranges.forEach((range, i) => {
        expect(range.to).toBeGreaterThan(range.from);
        if (i > 0) expect(range.from).toBe(ranges[i - 1]!.to);
        expect(range.bytes).toBe(starts.reduce((sum, shard) => sum + shard[range.to]! - shard[range.from]!, 0));
        if (range.to - range.from > 1) expect(range.bytes).toBeLessThanOrEqual(budget);
        // Greedy: the next slice would not have fitted.
        if (i + 1 < ranges.length) expect(range.bytes + starts.reduce((sum, shard) => sum + shard[range.to + 1]! - shard[range.to]!, 0)).toBeGreaterThan(budget);
      });
    }
    expect(hashRanges(starts, total)).toEqual([{ from: 0, to: HASH_SLICES, bytes: total }]);
    expect(hashRanges(starts, 0)).toHaveLength(HASH_SLICES);
  });
});

describe('mergeInHashRanges', () => {
  it('finds exactly the whole merge\'s known ids, shard by shard in run order, whatever the number of ranges', async () => {
    const whole = knownIdsOf(runs.map((run) => [run]));
    expect(whole.flat().length).toBeGreaterThan(5_000);
    for (const budget of [total, total / 2, 2_000, 1]) {
      const { knownIds, ranges } = await mergeInHashRanges(shardRuns(), { budgetBytes: budget });
      expect(knownIds).toEqual(whole);
      expect(ranges).toBe(hashRanges(runs.map(hashSliceStarts), budget).length);
    }
    expect((await mergeInHashRanges(shardRuns(), { budgetBytes: 1 })).ranges).toBe(HASH_SLICES);
  });

  it('hands an id to every later shard that holds it, never to the first', async () => {
    const few = [['a', 'b', 'shared'], ['shared', 'c'], [], ['c', 'shared', 'a']].map((ids) => idRunOf(ids).run);
    const { knownIds } = await mergeInHashRanges(
      few.map((run) => ({ sliceStarts: hashSliceStarts(run), read: memoryReader(run) })),
      { budgetBytes: 1 },
    );
    expect(knownIds.map((ids) => [...ids].sort())).toEqual([[], ['shared'], [], ['a', 'c', 'shared']]);
  });

  it('reads every run byte once, a range at a time, holding no more than the budget unless a range is one slice', async () => {
    const shards = shardRuns();
    const budget = 20_000;
    const plan = hashRanges(shards.map((shard) => shard.sliceStarts), budget);
    expect(plan.length).toBeGreaterThan(3);
    await mergeInHashRanges(shards, { budgetBytes: budget });
    expect(shards.map((shard) => shard.read.bytesRead)).toEqual(runs.map((run) => run.length));
    expect(shards.map((shard) => shard.read.reads)).toEqual(runs.map(() => plan.length));
    for (const range of plan) if (range.to - range.from > 1) expect(range.bytes).toBeLessThanOrEqual(budget);
  });

  it('keeps at most `parallel` slice reads in flight', async () => {
    let inFlight = 0;
    let most = 0;
    const shards = runs.map((run): ShardIdRun => ({
      sliceStarts: hashSliceStarts(run),
      read: async (start, end) => {
        most = Math.max(most, ++inFlight);
        await new Promise((resolve) => setTimeout(resolve, 1));
        inFlight--;
        return run.subarray(start, end);
      },
    }));
    await mergeInHashRanges(shards, { budgetBytes: total, parallel: 4 });
    expect(most).toBe(4);
  });

  it('refuses a shard whose result has no hash slice starts, naming the shard', async () => {
    const shards = shardRuns();
    await expect(mergeInHashRanges([shards[0]!, { ...shards[1]!, sliceStarts: [] }])).rejects.toThrow(
      'fan-out: shard 1 has 0 hash slice starts, expected 257 (its pass one ran before the merge read runs by hash range: rerun pass one)',
    );
  });
});
