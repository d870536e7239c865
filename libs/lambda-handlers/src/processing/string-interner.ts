import { viewOf } from './byte-copy.js';
import { hashBytes } from './byte-hash.js';
import { asciiText, ruleBytes } from './rule-bytes.js';
import { MAX_ASCII } from './ascii.js';

/**
 * Gives each distinct string a dense index (0, 1, 2, …) and keeps one detached copy of it.
 *
 * A `Map<string, number>` did the same but was the costliest line of aggregation: every row's key
 * was a fresh substring, so the Map had to hash it through a runtime call and then chase bucket,
 * entry and key objects. Here ASCII strings (every account id the CSV fast path sees) are looked
 * up as bytes, in place in the input: hashed four bytes at a time, found in flat typed arrays and
 * compared against a byte arena, so a lookup allocates nothing and costs one probe. Strings with
 * other characters, which only the general path meets, live in a Map of their own: they can never
 * equal an ASCII string, and both share one index space.
 */

const MIN_CAPACITY = 64;

/**
 * A copy of `text` that shares no memory with the string it was sliced from. V8 keeps substrings
 * as views into their parent, so a long-lived key could pin a whole decoded record.
 */
function detach(text: string): string {
  return ` ${text}`.slice(1);
}

function isAscii(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) > MAX_ASCII) return false;
  return true;
}

export class StringInterner {
  /** The strings, by index. */
  readonly values: string[] = [];
  private hashes = new Int32Array(MIN_CAPACITY);
  /** Index + 1 of the string in each slot; 0 = empty. */
  private refs = new Int32Array(MIN_CAPACITY);
  private mask = MIN_CAPACITY - 1;
  /** The ASCII strings' bytes, back to back; `arenaStart[index]` is where each begins and
   * `arenaLength[index]` how long it is (kept apart from `values` so a probe touches no string). */
  private arena = new Uint8Array(4096);
  private arenaView = viewOf(this.arena);
  private arenaUsed = 0;
  private arenaStart = new Int32Array(MIN_CAPACITY);
  private arenaLength = new Int32Array(MIN_CAPACITY);
  private readonly nonAscii = new Map<string, number>();

  /** The index of `text`, assigned on first sight. */
  indexOf(text: string): number {
    if (!isAscii(text)) {
      let index = this.nonAscii.get(text);
      if (index === undefined) {
        index = this.values.push(detach(text)) - 1;
        this.nonAscii.set(text, index);
      }
      return index;
    }
    const bytes = ruleBytes(text); // ASCII, so exactly its bytes
    return this.indexOfAscii(bytes, viewOf(bytes), 0, bytes.length);
  }

  /**
   * {@link indexOf} for the ASCII string that `bytes[start, end)` spells (`view` is a DataView of
   * `bytes`): a string is made only the first time it is seen.
   */
  indexOfAscii(bytes: Uint8Array, view: DataView, start: number, end: number): number {
    const hash = hashBytes(view, start, end);
    const mask = this.mask;
    for (let i = hash & mask; ; i = (i + 1) & mask) {
      const ref = this.refs[i]!;
      if (ref === 0) return this.insert(i, hash, bytes, start, end);
      if (this.hashes[i] === hash && this.equals(ref - 1, view, start, end)) return ref - 1;
    }
  }

  private equals(index: number, view: DataView, start: number, end: number): boolean {
    const length = end - start;
    if (this.arenaLength[index] !== length) return false;
    const arena = this.arenaView;
    const at = this.arenaStart[index]!;
    let i = 0;
    for (; i + 4 <= length; i += 4) if (arena.getUint32(at + i, true) !== view.getUint32(start + i, true)) return false;
    for (; i < length; i++) if (arena.getUint8(at + i) !== view.getUint8(start + i)) return false;
    return true;
  }

  private insert(slot: number, hash: number, bytes: Uint8Array, start: number, end: number): number {
    const index = this.values.push(asciiText(bytes, start, end)) - 1;
    if (index >= this.arenaStart.length) {
      const starts = new Int32Array(2 * (index + 1));
      const lengths = new Int32Array(2 * (index + 1));
      starts.set(this.arenaStart);
      lengths.set(this.arenaLength);
      this.arenaStart = starts;
      this.arenaLength = lengths;
    }
    if (this.arenaUsed + end - start > this.arena.length) {
      const arena = new Uint8Array(Math.max(2 * this.arena.length, this.arenaUsed + end - start));
      arena.set(this.arena.subarray(0, this.arenaUsed));
      this.arena = arena;
      this.arenaView = viewOf(arena);
    }
    this.arena.set(bytes.subarray(start, end), this.arenaUsed);
    this.arenaStart[index] = this.arenaUsed;
    this.arenaLength[index] = end - start;
    this.arenaUsed += end - start;
    this.hashes[slot] = hash;
    this.refs[slot] = index + 1;
    if (2 * (index + 1) > this.mask + 1) this.grow(); // keep at most half full
    return index;
  }

  private grow(): void {
    const oldHashes = this.hashes;
    const oldRefs = this.refs;
    const capacity = 2 * oldRefs.length;
    this.hashes = new Int32Array(capacity);
    this.refs = new Int32Array(capacity);
    this.mask = capacity - 1;
    for (let j = 0; j < oldRefs.length; j++) {
      if (oldRefs[j] === 0) continue;
      let i = oldHashes[j]! & this.mask;
      while (this.refs[i] !== 0) i = (i + 1) & this.mask;
      this.hashes[i] = oldHashes[j]!;
      this.refs[i] = oldRefs[j]!;
    }
  }
}
