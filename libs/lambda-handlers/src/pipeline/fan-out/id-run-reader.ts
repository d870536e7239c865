import { decodeIdRunLines, type RangeReader } from '../../processing/fan-out/index.js';

const LF = 0x0a;

/**
 * A shard's id run read lazily in ranged GETs of `chunkBytes`: the merge pulls one id at a time
 * from every shard's run, so it holds one chunk per shard, never a whole run, and keeps no
 * connection open between reads (hundreds of runs would exhaust the client's sockets).
 */
export async function* idRunFromRanges(read: RangeReader, size: number, chunkBytes: number): AsyncGenerator<string> {
  let carry: Buffer = Buffer.alloc(0);
  for (let at = 0; at < size; ) {
    const chunk = await read(at, Math.min(size, at + chunkBytes));
    if (chunk.length === 0) throw new Error(`fan-out: an id run ended at byte ${at} of ${size}`);
    at += chunk.length;
    const bytes = carry.length > 0 ? Buffer.concat([carry, chunk]) : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    const last = bytes.lastIndexOf(LF);
    if (last < 0) {
      carry = Buffer.from(bytes);
      continue;
    }
    yield* decodeIdRunLines([bytes.subarray(0, last + 1)]);
    carry = Buffer.from(bytes.subarray(last + 1));
  }
  // A run always ends in a line feed: decoding the rest reports a truncated run.
  if (carry.length > 0) yield* decodeIdRunLines([carry]);
}
