import { describe, expect, it } from 'vitest';
import { readAhead } from '../../../src/pipeline/fan-out/read-ahead.js';
import type { RangeReader } from '../../../src/processing/fan-out/index.js';

const OBJECT = Buffer.from(Array.from({ length: 1000 }, (_, i) => i % 251));

/** The object as a ranged reader, recording each request. */
function source(): { read: RangeReader; requests: Array<[number, number]> } {
  const requests: Array<[number, number]> = [];
  return {
    requests,
    read: async (start, end) => {
      requests.push([start, end]);
      return OBJECT.subarray(start, Math.min(end, OBJECT.length));
    },
  };
}

describe('readAhead (one forward pass over a shard)', () => {
  it('gives the same bytes as the object for a prefix, then a range, in reads of any size', async () => {
    const { read } = source();
    const reader = readAhead(read, OBJECT.length, 64);
    const reads: Array<[number, number]> = [[0, 30], [300, 333], [333, 500], [500, 501], [501, 1000], [990, 2000]];
    for (const [start, end] of reads) expect(Buffer.from(await reader(start, end)).equals(OBJECT.subarray(start, Math.min(end, OBJECT.length)))).toBe(true);
    expect(await reader(1000, 1010)).toHaveLength(0);
  });

  it('fetches whole blocks, each once, one block ahead of the reader', async () => {
    const { read, requests } = source();
    const reader = readAhead(read, OBJECT.length, 256);
    for (let at = 0; at < OBJECT.length; at += 100) await reader(at, at + 100);
    expect(requests).toEqual([[0, 256], [256, 512], [512, 768], [768, 1000]]);
  });

  it('surfaces a failed block on the read that needs it', async () => {
    let calls = 0;
    const reader = readAhead(async (start, end) => {
      if (++calls === 2) throw new Error('SlowDown');
      return OBJECT.subarray(start, end);
    }, OBJECT.length, 256);
    await expect(reader(0, 100)).resolves.toHaveLength(100);
    await expect(reader(200, 300)).rejects.toThrow('SlowDown');
  });
});
