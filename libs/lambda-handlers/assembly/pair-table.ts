import { allocZeroed } from './bytes';

/*
 * The layout of the id set's table: open addressing over 8-byte slots
 * [hash: u32, value: u32], value 0 meaning empty, probed linearly from `hash & mask`.
 */

/** A table of twice `oldSlots` slots (a power of two) holding every pair of `old`, which is freed. */
export function doubledPairTable(old: usize, oldSlots: u32): usize {
  const mask = (oldSlots << 1) - 1;
  const grown = allocZeroed((<usize>mask + 1) << 3);
  for (let j: u32 = 0; j < oldSlots; j++) {
    const value = load<u32>(old + (<usize>j << 3) + 4);
    if (value == 0) continue;
    const hash = load<u32>(old + (<usize>j << 3));
    let i = hash & mask;
    while (load<u32>(grown + (<usize>i << 3) + 4) != 0) i = (i + 1) & mask;
    store<u32>(grown + (<usize>i << 3), hash);
    store<u32>(grown + (<usize>i << 3) + 4, value);
  }
  heap.free(old);
  return grown;
}
