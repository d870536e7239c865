/**
 * Gives each distinct string a dense index (0, 1, 2, …) and keeps one detached copy of it.
 *
 * A `Map<string, number>` did the same but was the costliest line of aggregation: every row's key
 * is a fresh substring, so the Map must hash it through a runtime call and then chase bucket,
 * entry and key objects. Here the hash is computed inline and the table is two flat typed arrays
 * (hash, index + 1), so a lookup costs one probe and one string comparison, which is exact.
 */

import { asciiText } from './rule-bytes.js';

const MIN_CAPACITY = 64;

/**
 * A copy of `text` that shares no memory with the input buffer it was sliced from. V8 keeps
 * substrings as views into their parent, so a long-lived key would pin a whole input chunk.
 */
function detach(text: string): string {
  return ` ${text}`.slice(1);
}

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

/** FNV-1a over UTF-16 code units. */
function hashText(text: string): number {
  let h = FNV_OFFSET;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), FNV_PRIME);
  return h | 0;
}

/** {@link hashText} of the ASCII string `bytes[start, end)` spells. */
function hashAscii(bytes: Uint8Array, start: number, end: number): number {
  let h = FNV_OFFSET;
  for (let i = start; i < end; i++) h = Math.imul(h ^ bytes[i]!, FNV_PRIME);
  return h | 0;
}

function equalsAscii(value: string, bytes: Uint8Array, start: number, end: number): boolean {
  if (value.length !== end - start) return false;
  for (let i = 0; i < value.length; i++) if (value.charCodeAt(i) !== bytes[start + i]) return false;
  return true;
}

export class StringInterner {
  /** The strings, by index. */
  readonly values: string[] = [];
  private hashes = new Int32Array(MIN_CAPACITY);
  /** Index + 1 of the string in each slot; 0 = empty. */
  private refs = new Int32Array(MIN_CAPACITY);
  private mask = MIN_CAPACITY - 1;

  /** The index of `text`, assigned on first sight. */
  indexOf(text: string): number {
    const hash = hashText(text);
    const mask = this.mask;
    for (let i = hash & mask; ; i = (i + 1) & mask) {
      const ref = this.refs[i]!;
      if (ref === 0) return this.insert(i, hash, text);
      if (this.hashes[i] === hash && this.values[ref - 1] === text) return ref - 1;
    }
  }

  /**
   * {@link indexOf} for the ASCII string `bytes[start, end)` spells: a string is made only the
   * first time it is seen, so looking up a field of an input buffer allocates nothing.
   */
  indexOfAscii(bytes: Uint8Array, start: number, end: number): number {
    const hash = hashAscii(bytes, start, end);
    const mask = this.mask;
    for (let i = hash & mask; ; i = (i + 1) & mask) {
      const ref = this.refs[i]!;
      if (ref === 0) return this.insert(i, hash, asciiText(bytes, start, end));
      if (this.hashes[i] === hash && equalsAscii(this.values[ref - 1]!, bytes, start, end)) return ref - 1;
    }
  }

  private insert(slot: number, hash: number, text: string): number {
    const index = this.values.push(detach(text)) - 1;
    this.hashes[slot] = hash;
    this.refs[slot] = index + 1;
    if (2 * this.values.length > this.mask + 1) this.grow(); // keep at most half full
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
