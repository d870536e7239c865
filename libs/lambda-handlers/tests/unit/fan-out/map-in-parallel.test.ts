import { describe, expect, it } from 'vitest';
import { mapInParallel } from '../../../src/pipeline/fan-out/map-in-parallel.js';

describe('mapInParallel', () => {
  it('returns results in the items\' order, and starts no item after a failure', async () => {
    const delays = [5, 1, 3, 0, 2];
    const results = await mapInParallel(delays, 2, async (delay, index) => {
      await new Promise((resolve) => setTimeout(resolve, delay));
      return `${index}:${delay}`;
    });
    expect(results).toEqual(['0:5', '1:1', '2:3', '3:0', '4:2']);
    const started: number[] = [];
    await expect(
      mapInParallel([1, 2, 3, 4, 5], 2, async (item) => {
        started.push(item);
        await new Promise((resolve) => setTimeout(resolve, item === 1 ? 5 : 0));
        if (item === 2) throw new Error('item 2 failed');
        return item;
      }),
    ).rejects.toThrow('item 2 failed');
    // Item 1 was running when item 2 failed; nothing started after.
    expect(started).toEqual([1, 2]);
    expect(await mapInParallel([], 4, async () => 1)).toEqual([]);
  });
});
