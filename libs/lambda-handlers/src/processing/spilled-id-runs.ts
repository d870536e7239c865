import { closeSync, mkdtempSync, openSync, readSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { BlockedBloomFilter } from './blocked-bloom-filter.js';
import type { CompactIdSet } from './compact-id-set.js';
import { copyBytes, viewOf } from './byte-copy.js';
import { entriesEqual, entrySize } from './id-codec.js';

/**
 * Transaction ids that no longer fit in memory, as sorted run files on local disk.
 *
 * Each spill writes the in-memory set as one run: records `[h1: u32 LE][encoded id]` sorted by h1,
 * cut into blocks of at most {@link BLOCK_BYTES} that start on a record. Memory keeps only each
 * block's first hash and offset (~12 bytes per 100 ids) plus one Bloom filter over the h1 of every
 * spilled id (1.75–3.5 bytes per id), sized up front so it is rarely rebuilt. A lookup that the filter lets through binary-searches each run's block
 * index and reads one 4 KiB block per run (usually from the page cache).
 */

const BLOCK_BYTES = 4096;
const IO_BUFFER_BYTES = 1 << 20;
const BLOOM_BITS_PER_KEY = 14;
/** The filter is rebuilt, bigger, when it would hold more ids than it was sized for. */
const BLOOM_GROWTH = 2;

class IdRun {
  constructor(
    readonly fd: number,
    /** First h1 of every block; non-decreasing. */
    readonly firstHash: Uint32Array,
    /** File offset of every block plus the file size at the end (length = blocks + 1). */
    readonly blockStart: Float64Array,
  ) {}

  /** Whether the run holds the entry encoded at `bytes[offset]`, whose h1 is `h1`. */
  contains(bytes: Uint8Array, offset: number, h1: number, buffer: Buffer): boolean {
    const firstHash = this.firstHash;
    let low = 0;
    let high = firstHash.length - 1;
    let block = -1;
    while (low <= high) {
      const mid = (low + high) >>> 1;
      if (firstHash[mid]! <= h1) {
        block = mid;
        low = mid + 1;
      } else {
        high = mid - 1;
      }
    }
    if (block < 0) return false;
    // Records with this hash may begin at the tail of earlier blocks.
    while (block > 0 && firstHash[block] === h1) block--;
    for (; block < firstHash.length && firstHash[block]! <= h1; block++) {
      const start = this.blockStart[block]!;
      const length = this.blockStart[block + 1]! - start;
      readSync(this.fd, buffer, 0, length, start);
      for (let p = 0; p < length; p += 4 + entrySize(buffer, p + 4)) {
        const hash = buffer.readUInt32LE(p);
        if (hash > h1) return false;
        if (hash === h1 && entriesEqual(buffer, p + 4, bytes, offset)) return true;
      }
    }
    return false;
  }
}

/** Whether the low half of a 64-bit word comes first in memory (x64 and arm64: yes). */
const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

/** Exact membership over every id spilled so far; owns a temporary directory until {@link close}. */
export class SpilledIdRuns {
  private directory: string | undefined;
  private readonly runs: IdRun[] = [];
  private bloom: BlockedBloomFilter | undefined;
  private count = 0;
  private readonly block = Buffer.alloc(BLOCK_BYTES);
  // Reused across spills: a dead ArrayBuffer lingers until V8 notices ~64 MiB of them.
  private io: Buffer | undefined;
  private ioView: DataView | undefined;
  private sortKeys = new BigUint64Array(0);

  /**
   * @param initialBloomBytes memory for the Bloom filter at the first spill, so it is not rebuilt
   *   every time the spilled ids double (it grows only once they outnumber what it was sized for).
   */
  constructor(
    private readonly parentDirectory: string,
    private readonly initialBloomBytes = 0,
  ) {}

  /** Number of ids on disk. */
  get size(): number {
    return this.count;
  }

  /** Number of run files written. */
  get runCount(): number {
    return this.runs.length;
  }

  /** Bytes of memory held: filter, block indexes and the reusable sort and I/O buffers. */
  get memoryBytes(): number {
    let bytes = (this.bloom?.memoryBytes ?? 0) + this.sortKeys.byteLength + (this.io?.length ?? 0);
    for (const run of this.runs) bytes += run.firstHash.byteLength + run.blockStart.byteLength;
    return bytes;
  }

  /** Whether the id encoded at `bytes[offset]`, whose h1 hash is `h1`, was spilled. Exact. */
  has(h1: number, bytes: Uint8Array, offset: number): boolean {
    if (this.bloom === undefined || !this.bloom.mayContain(h1)) return false;
    for (let r = this.runs.length - 1; r >= 0; r--) {
      if (this.runs[r]!.contains(bytes, offset, h1, this.block)) return true;
    }
    return false;
  }

  /** Writes every id of `set` as a new run. The caller clears the set afterwards. */
  spill(set: CompactIdSet): void {
    const total = set.size;
    // Sort (h1, ref) pairs as one 64-bit key each, h1 in the high half: a native numeric sort with
    // no scratch arrays besides the keys themselves.
    if (this.sortKeys.length < total) this.sortKeys = new BigUint64Array(Math.ceil(total * 1.25));
    const keys = this.sortKeys.subarray(0, total);
    const words = new Uint32Array(keys.buffer, keys.byteOffset, 2 * total);
    const [refWord, hashWord] = LITTLE_ENDIAN ? [0, 1] : [1, 0];
    let n = 0;
    set.forEachRef((ref, h1) => {
      words[2 * n + refWord] = ref;
      words[2 * n + hashWord] = h1;
      n++;
    });
    keys.sort();

    // Sized up front, the filter takes these ids as they are written; only an outgrown one is
    // rebuilt (bigger) from every run afterwards.
    const bloom = (this.bloom ??= this.newBloom(total));
    const rebuildBloom = this.count + total > bloom.capacity;
    this.directory ??= mkdtempSync(join(this.parentDirectory, 'txn-ids-'));
    const fd = openSync(join(this.directory, `run-${this.runs.length}.bin`), 'w+');
    const firstHash: number[] = [];
    const blockStart: number[] = [];
    const out = (this.io ??= Buffer.allocUnsafe(IO_BUFFER_BYTES));
    const outView = (this.ioView ??= viewOf(out));
    let used = 0;
    let written = 0;
    let blockUsed = BLOCK_BYTES;
    for (let k = 0; k < total; k++) {
      const ref = words[2 * k + refWord]!;
      const h1 = words[2 * k + hashWord]!;
      const page = set.pageOf(ref);
      const offset = set.offsetOf(ref);
      const size = entrySize(page, offset);
      const pageView = set.pageViewOf(ref);
      if (blockUsed + 4 + size > BLOCK_BYTES) {
        firstHash.push(h1);
        blockStart.push(written + used);
        blockUsed = 0;
      }
      if (used + 4 + size > out.length) {
        written += writeSync(fd, out, 0, used, written);
        used = 0;
      }
      outView.setUint32(used, h1, true);
      used = copyBytes(pageView, offset, offset + size, outView, used + 4);
      blockUsed += 4 + size;
      if (!rebuildBloom) bloom.add(h1);
    }
    written += writeSync(fd, out, 0, used, written);
    blockStart.push(written);
    this.runs.push(new IdRun(fd, Uint32Array.from(firstHash), Float64Array.from(blockStart)));
    this.count += total;
    if (rebuildBloom) this.rebuildBloom();
  }

  /** Closes and deletes every run file. Safe to call more than once. */
  close(): void {
    for (const run of this.runs.splice(0)) closeSync(run.fd);
    if (this.directory !== undefined) rmSync(this.directory, { recursive: true, force: true });
    this.directory = undefined;
    this.bloom = undefined;
    this.count = 0;
  }

  /** A filter for the ids spilled so far plus `more`, with room to grow into. */
  private newBloom(more: number): BlockedBloomFilter {
    const sizedFor = Math.max((this.count + more) * BLOOM_GROWTH, Math.floor((8 * this.initialBloomBytes) / BLOOM_BITS_PER_KEY));
    return new BlockedBloomFilter(sizedFor, BLOOM_BITS_PER_KEY);
  }

  private rebuildBloom(): void {
    this.bloom = undefined; // let the old filter go before the new one is allocated
    const bloom = this.newBloom(0);
    const buffer = (this.io ??= Buffer.allocUnsafe(IO_BUFFER_BYTES));
    for (const run of this.runs) {
      const blocks = run.firstHash.length;
      let block = 0;
      while (block < blocks) {
        // Read as many whole blocks as fit in the buffer; records never cross a block boundary.
        const start = run.blockStart[block]!;
        let end = block + 1;
        while (end < blocks && run.blockStart[end + 1]! - start <= buffer.length) end++;
        const length = run.blockStart[end]! - start;
        readSync(run.fd, buffer, 0, length, start);
        for (let p = 0; p < length; p += 4 + entrySize(buffer, p + 4)) bloom.add(buffer.readUInt32LE(p));
        block = end;
      }
    }
    this.bloom = bloom;
  }
}
