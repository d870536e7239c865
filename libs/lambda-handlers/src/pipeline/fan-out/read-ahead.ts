import type { RangeReader } from '../../processing/fan-out/index.js';

const DEFAULT_BLOCK_BYTES = 8 * 1024 * 1024;

/**
 * A reader for one forward pass over an object (a shard worker reads its CSV header prefix, then
 * its range, 1 MiB at a time): reads whole blocks and fetches the next block while the current one
 * is processed, so a shard costs one GET per 8 MiB with the network hidden behind the CPU, instead
 * of one round trip per MiB in series. Holds at most the blocks in use plus one ahead; a read
 * before the blocks it holds (the prefix, then the range) simply fetches again.
 */
export function readAhead(read: RangeReader, size: number, blockBytes = DEFAULT_BLOCK_BYTES): RangeReader {
  const blocks = new Map<number, Promise<Uint8Array>>();
  const block = (index: number): Promise<Uint8Array> => {
    let bytes = blocks.get(index);
    if (bytes === undefined) {
      bytes = read(index * blockBytes, Math.min(size, (index + 1) * blockBytes));
      // A failed prefetch surfaces when (and if) the block is used, not as an unhandled rejection.
      bytes.catch(() => undefined);
      blocks.set(index, bytes);
    }
    return bytes;
  };
  return async (start, end) => {
    end = Math.min(end, size);
    if (end <= start) return new Uint8Array(0);
    const first = Math.floor(start / blockBytes);
    const last = Math.floor((end - 1) / blockBytes);
    for (const index of blocks.keys()) if (index < first || index > last + 1) blocks.delete(index);
    const needed = Array.from({ length: last - first + 1 }, (_, i) => block(first + i));
    if ((last + 1) * blockBytes < size) void block(last + 1);
    const pieces: Uint8Array[] = [];
    for (let index = first; index <= last; index++) {
      const bytes = await needed[index - first]!;
      const offset = index * blockBytes;
      pieces.push(bytes.subarray(Math.max(start, offset) - offset, Math.min(end, offset + bytes.length) - offset));
    }
    return pieces.length === 1 ? pieces[0]! : Buffer.concat(pieces);
  };
}
