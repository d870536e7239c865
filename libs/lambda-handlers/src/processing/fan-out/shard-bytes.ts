import type { RangeReader, ShardPlan, ShardRange } from './shard-plan.js';

const READ_BYTES = 1024 * 1024;
const LF = 0x0a;

/** Line feeds counted in a shard's own bytes (not its prefix): its physical lines, for numbering the shards after it. */
export interface LineFeedCounter {
  lineFeeds: number;
}

/**
 * What a shard's processor reads: the file's prefix (the CSV header) unless the shard is the first,
 * then the shard's range, read in 1 MiB ranged reads. Counts the range's line feeds into `counter`.
 */
export async function* shardBytes(read: RangeReader, plan: ShardPlan, range: ShardRange, counter?: LineFeedCounter): AsyncGenerator<Uint8Array> {
  if (range.index > 0 && plan.prefixEnd > 0) yield* rangeBytes(read, 0, plan.prefixEnd);
  for await (const bytes of rangeBytes(read, range.start, range.end)) {
    if (counter !== undefined) counter.lineFeeds += countLineFeeds(bytes);
    yield bytes;
  }
}

async function* rangeBytes(read: RangeReader, start: number, end: number): AsyncGenerator<Uint8Array> {
  for (let at = start; at < end; ) {
    const bytes = await read(at, Math.min(end, at + READ_BYTES));
    if (bytes.length === 0) throw new Error(`fan-out: the object ended at byte ${at}, expected ${end}`);
    at += bytes.length;
    yield bytes;
  }
}

function countLineFeeds(bytes: Uint8Array): number {
  let count = 0;
  for (let at = bytes.indexOf(LF); at >= 0; at = bytes.indexOf(LF, at + 1)) count++;
  return count;
}

/** Line feeds in the prefix every later shard reads first, so its line numbers can be shifted back. */
export function prefixLineFeeds(prefix: Uint8Array): number {
  return countLineFeeds(prefix);
}
