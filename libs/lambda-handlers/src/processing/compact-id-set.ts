import { viewOf } from './byte-copy.js';
import { MAX_ENTRY_BYTES, entriesEqual, hashEntry, writeAsciiEntry, writeEntry } from './id-codec.js';

const MAX_ARENA_BYTES = 2 ** 32 - 2; // refs are 32-bit
const MIN_CAPACITY = 64;
const MAX_LOAD_NUMERATOR = 3; // grow past 3/4 full
const MAX_LOAD_DENOMINATOR = 4;

/**
 * An exact set of transaction ids in flat typed arrays: about (id length + 1) bytes of arena plus
 * 11–21 bytes of table per id, against ~70 for a `Set<string>` (which also stops at 2^24 entries).
 * Open addressing with linear probing over one interleaved `[hash, ref]` array, so a probe is one
 * cache miss and only a full 32-bit hash match compares bytes. Ids live in fixed-size pages that
 * are reused after {@link clear}.
 *
 * Adding is two-step so a caller can consult other storage in between: {@link stage} encodes the
 * id at the arena's end (one pass over its characters, also hashing it), {@link findStaged}
 * probes, and {@link commitStaged} keeps it; anything else simply overwrites the staged bytes.
 */
export class CompactIdSet {
  /** Slot i is `table[2i]` = h1, `table[2i + 1]` = arena ref + 1 (0 = empty). */
  private table: Uint32Array;
  private mask: number;
  private count = 0;
  private readonly pages: Uint8Array[] = [];
  private readonly pageViews: DataView[] = [];
  private readonly pageBits: number;
  private readonly pageSize: number;
  private pageIndex = -1;
  private pageUsed: number;

  /**
   * @param pageBits arena pages are 2^pageBits bytes (9–20; the default 1 MiB suits large files,
   *   small pages keep a small memory budget meaningful).
   */
  constructor(pageBits = 20, initialCapacity = MIN_CAPACITY) {
    if (!(pageBits >= 9 && pageBits <= 20)) throw new RangeError('pageBits must be 9–20');
    if (initialCapacity < MIN_CAPACITY || (initialCapacity & (initialCapacity - 1)) !== 0) {
      throw new RangeError(`initialCapacity must be a power of two ≥ ${MIN_CAPACITY}`);
    }
    this.pageBits = pageBits;
    this.pageSize = 2 ** pageBits;
    this.pageUsed = this.pageSize;
    this.table = new Uint32Array(2 * initialCapacity);
    this.mask = initialCapacity - 1;
  }

  /** Number of ids held. */
  get size(): number {
    return this.count;
  }

  /** Bytes allocated: the table and every arena page, including pages kept for reuse. */
  get memoryBytes(): number {
    return this.table.byteLength + this.pages.length * this.pageSize;
  }

  /** Bytes in use: the table and the arena pages filled since the last {@link clear}. */
  get usedBytes(): number {
    return this.table.byteLength + (this.pageIndex + 1) * this.pageSize;
  }

  /** The page holding the staged id. */
  get stagedPage(): Uint8Array {
    return this.pages[this.pageIndex]!;
  }

  /** The staged id's offset in {@link stagedPage}. */
  get stagedOffset(): number {
    return this.pageUsed;
  }

  /** Encodes `id` (1–128 code units) after the last kept id and returns its h1 hash. */
  stage(id: string): number {
    if (this.pageUsed + MAX_ENTRY_BYTES > this.pageSize) this.nextPage();
    const page = this.pages[this.pageIndex]!;
    writeEntry(id, page, this.pageUsed);
    return hashEntry(page, this.pageViews[this.pageIndex]!, this.pageUsed);
  }

  /** {@link stage} for an id given as ASCII bytes, `source[start, end)` (a DataView). */
  stageAscii(source: DataView, start: number, end: number): number {
    if (this.pageUsed + MAX_ENTRY_BYTES > this.pageSize) this.nextPage();
    const view = this.pageViews[this.pageIndex]!;
    writeAsciiEntry(source, start, end, view, this.pageUsed);
    return hashEntry(this.pages[this.pageIndex]!, view, this.pageUsed);
  }

  /** The slot holding the staged id, or −(free slot + 1) when it is new. */
  findStaged(h1: number): number {
    const table = this.table;
    const mask = this.mask;
    const page = this.pages[this.pageIndex]!;
    const offset = this.pageUsed;
    let i = h1 & mask;
    for (;;) {
      const ref = table[2 * i + 1]!;
      if (ref === 0) return -(i + 1);
      if (table[2 * i] === h1 && entriesEqual(this.pageOf(ref), this.offsetOf(ref), page, offset)) return i;
      i = (i + 1) & mask;
    }
  }

  /** Keeps the staged id; `free` is the negative value {@link findStaged} returned. */
  commitStaged(h1: number, free: number): void {
    let slot = -free - 1;
    if ((this.count + 1) * MAX_LOAD_DENOMINATOR > (this.mask + 1) * MAX_LOAD_NUMERATOR) {
      this.grow();
      slot = -this.findStaged(h1) - 1;
    }
    const offset = this.pageUsed;
    const page = this.pages[this.pageIndex]!;
    this.table[2 * slot] = h1;
    this.table[2 * slot + 1] = this.pageIndex * this.pageSize + offset + 1;
    this.pageUsed += 1 + ((page[offset]! & 0x80) !== 0 ? 2 : 1) * ((page[offset]! & 0x7f) + 1);
    this.count++;
  }

  /**
   * Calls `visit(ref, h1)` for every id, in no particular order; {@link pageOf} and
   * {@link offsetOf} locate its entry.
   */
  forEachRef(visit: (ref: number, h1: number) => void): void {
    const table = this.table;
    for (let i = 0; i < table.length; i += 2) {
      const ref = table[i + 1]!;
      if (ref !== 0) visit(ref, table[i]!);
    }
  }

  /** The arena page holding the entry of `ref`. */
  pageOf(ref: number): Uint8Array {
    return this.pages[(ref - 1) >>> this.pageBits]!;
  }

  /** A DataView of {@link pageOf}, for word-at-a-time copies. */
  pageViewOf(ref: number): DataView {
    return this.pageViews[(ref - 1) >>> this.pageBits]!;
  }

  /** The entry's offset within {@link pageOf}. */
  offsetOf(ref: number): number {
    return (ref - 1) & (this.pageSize - 1);
  }

  /**
   * Forgets every id. Keeps the table and pages for reuse as far as they fit `limitBytes`: a table
   * over half of it is cut to a quarter, pages beyond the rest are released.
   */
  clear(limitBytes = Infinity): void {
    if (this.table.byteLength > limitBytes / 2) {
      const capacity = Math.max(MIN_CAPACITY, 2 ** Math.floor(Math.log2(limitBytes / 4 / 8)));
      this.table = new Uint32Array(2 * capacity);
      this.mask = capacity - 1;
    } else {
      this.table.fill(0);
    }
    const pagesThatFit = Math.ceil(Math.max(0, limitBytes - this.table.byteLength) / this.pageSize);
    if (this.pages.length > pagesThatFit) this.pages.length = this.pageViews.length = pagesThatFit;
    this.count = 0;
    this.pageIndex = -1;
    this.pageUsed = this.pageSize;
  }

  private nextPage(): void {
    this.pageIndex++;
    if (this.pageIndex === this.pages.length) {
      if ((this.pages.length + 1) * this.pageSize > MAX_ARENA_BYTES) throw new RangeError('CompactIdSet arena is full');
      const page = new Uint8Array(this.pageSize);
      this.pages.push(page);
      this.pageViews.push(viewOf(page));
    }
    this.pageUsed = 0;
  }

  private grow(): void {
    const old = this.table;
    const capacity = 2 * (this.mask + 1);
    const table = new Uint32Array(2 * capacity);
    const mask = capacity - 1;
    for (let j = 0; j < old.length; j += 2) {
      const ref = old[j + 1]!;
      if (ref === 0) continue;
      const h1 = old[j]!;
      let i = h1 & mask;
      while (table[2 * i + 1] !== 0) i = (i + 1) & mask;
      table[2 * i] = h1;
      table[2 * i + 1] = ref;
    }
    this.table = table;
    this.mask = mask;
  }
}
