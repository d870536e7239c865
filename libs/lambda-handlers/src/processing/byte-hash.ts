/**
 * The hash of byte strings (account ids, transaction ids) in the processor's tables: MurmurHash3
 * reads four bytes per step, where FNV-1a's byte-at-a-time multiply chain cost about three times
 * as long on 36-byte ids.
 */

/** MurmurHash3 (x86, 32-bit, seed 0x9747b28c) of `view[start, end)`, as a signed 32-bit integer. */
export function hashBytes(view: DataView, start: number, end: number): number {
  let h = 0x9747b28c;
  let i = start;
  for (; i + 4 <= end; i += 4) {
    let k = Math.imul(view.getUint32(i, true), 0xcc9e2d51);
    k = Math.imul((k << 15) | (k >>> 17), 0x1b873593);
    h ^= k;
    h = (Math.imul((h << 13) | (h >>> 19), 5) + 0xe6546b64) | 0;
  }
  if (i < end) {
    let k = 0;
    for (let shift = 0; i < end; i++, shift += 8) k |= view.getUint8(i) << shift;
    k = Math.imul(k, 0xcc9e2d51);
    h ^= Math.imul((k << 15) | (k >>> 17), 0x1b873593);
  }
  h ^= end - start;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return h ^ (h >>> 16);
}
