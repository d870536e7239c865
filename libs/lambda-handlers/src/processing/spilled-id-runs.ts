import { closeSync, mkdtempSync, openSync, readSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { CoreBloomFilter } from './core-bloom-filter.js';
import { MAX_ENTRY_BYTES } from './id-codec.js';
import { BLOCK_BYTES, IdRun, MAX_MERGED_ARENA_BYTES, mergeIdRuns, PAIR_BYTES, PAIRS_PER_BLOCK, writeFully } from './id-run.js';
import type { ProcessorCore } from './processor-core.js';

/**
 * Transaction ids that no longer fit in memory, as run files on local disk.
 *
 * Each spill writes the in-memory set as one run, straight from the processor core's memory
 * (assembly/id-set.ts) with two writes and no pass over the ids in JavaScript:
 *   [pairs: count × (h1: u32 LE, ref: u32 LE), sorted by h1][arena: the encoded ids]
 * where an id's entry is at arena offset ref − 1. Memory keeps the first h1 of every block of
 * {@link PAIRS_PER_BLOCK} pairs plus one Bloom filter over the h1 of every spilled id (1.75–3.5
 * bytes per id), sized up front so it is rarely rebuilt, and never past its cap. Every filter lives
 * in one region the core reserves at the cap (WebAssembly memory cannot shrink, so a freed smaller
 * filter used to stay resident beside the bigger one). Past the cap the filter keeps taking ids and
 * its false-positive rate rises (at twice the ids it was sized for, from ~0.3 % to ~5 %); a false
 * positive costs one block read per run, never a wrong answer, and runs are merged as they pile up
 * (the newest two whenever the newer holds at least half as many ids as the older: each id is
 * rewritten a few times, and a file keeps about log2(spills) runs). A lookup that the filter lets through
 * binary-searches each run's block index, reads one block of pairs, binary-searches it, and reads
 * an entry only when its h1 matches (usually all from the page cache).
 *
 * Writing the arena in its own order rather than entries sorted by hash is what keeps a spill
 * cheap: sorted entries meant one cache miss per id to gather them (~140 ns each, a tenth of the
 * whole run time on a 256 MiB file).
 */

const BLOOM_BITS_PER_KEY = 14;
/** The filter is rebuilt, bigger, when it would hold more ids than it was sized for (up to its cap). */
const BLOOM_GROWTH = 2;

export class SpilledIdRuns {
  private directory: string | undefined;
  private readonly runs: IdRun[] = [];
  private bloom: CoreBloomFilter | undefined;
  private count = 0;
  /** Run files written so far, merged ones included: names each new file. */
  private files = 0;
  /** Times the in-memory set was written out. */
  spills = 0;
  private readonly blockWords = new Uint32Array(BLOCK_BYTES / 4);
  private readonly block = Buffer.from(this.blockWords.buffer);
  private readonly entry = Buffer.alloc(MAX_ENTRY_BYTES);

  /**
   * @param initialBloomBytes memory for the Bloom filter at the first spill, so it is not rebuilt
   *   every time the spilled ids double (it grows only once they outnumber what it was sized for).
   * @param maxBloomBytes the most the filter may ever take; it is rebuilt at most up to this size.
   */
  constructor(
    private readonly parentDirectory: string,
    private readonly core: ProcessorCore,
    private readonly initialBloomBytes = 0,
    private readonly maxBloomBytes = Number.POSITIVE_INFINITY,
  ) {}

  /** Number of ids on disk. */
  get size(): number {
    return this.count;
  }

  /** Number of run files written. */
  get runCount(): number {
    return this.runs.length;
  }

  /** Bytes of memory held: the filter and the block indexes. */
  get memoryBytes(): number {
    let bytes = this.bloom?.memoryBytes ?? 0;
    for (const run of this.runs) bytes += run.firstHash.byteLength;
    return bytes;
  }

  /** Whether the id encoded at `bytes[offset]`, whose h1 hash is `h1`, was spilled. Exact. */
  has(h1: number, bytes: Uint8Array, offset: number): boolean {
    if (this.bloom === undefined || !this.bloom.mayContain(h1)) return false;
    for (let r = this.runs.length - 1; r >= 0; r--) {
      if (this.runs[r]!.contains(bytes, offset, h1, this.block, this.blockWords, this.entry)) return true;
    }
    return false;
  }

  /** Writes every id of the core's in-memory set as a new run. The caller clears the set afterwards. */
  spill(core: ProcessorCore): void {
    const total = core.idCount;
    // Sized up front, the filter takes these ids as they are sorted; only an outgrown one is
    // rebuilt (bigger) from every run afterwards.
    const bloom = (this.bloom ??= this.newBloom(total));
    const rebuildBloom = this.count + total > bloom.capacity && bloom.capacity < this.maxBloomKeys;
    this.directory ??= mkdtempSync(join(this.parentDirectory, 'txn-ids-'));
    const path = join(this.directory, `run-${this.files++}.bin`);
    const fd = openSync(path, 'w+');
    const exports = core.exports;
    // The arena first: sorting the pairs overwrites it (see spillBegin in assembly/id-set.ts).
    writeFully(fd, core.bytes, exports.arena.value as number, exports.arenaUsed.value as number, total * PAIR_BYTES);
    exports.spillBegin(!rebuildBloom);
    const pairs = exports.tablePointer();
    writeFully(fd, core.bytes, pairs, total * PAIR_BYTES, 0);
    const words = core.words;
    const firstHash = new Uint32Array(Math.ceil(total / PAIRS_PER_BLOCK));
    for (let b = 0; b < firstHash.length; b++) firstHash[b] = words[(pairs >>> 2) + 2 * PAIRS_PER_BLOCK * b]!;
    this.runs.push(new IdRun(path, fd, total, firstHash, exports.arenaUsed.value as number));
    this.spills++;
    this.count += total;
    if (rebuildBloom) this.rebuildBloom();
    this.mergeRuns();
  }

  /** Merges the newest two runs while the newer is at least half the older (and the arena fits a u32 ref). */
  private mergeRuns(): void {
    for (;;) {
      const newer = this.runs[this.runs.length - 1];
      const older = this.runs[this.runs.length - 2];
      if (newer === undefined || older === undefined || 2 * newer.count < older.count) return;
      if (older.arenaBytes + newer.arenaBytes > MAX_MERGED_ARENA_BYTES) return;
      const merged = mergeIdRuns(older, newer, join(this.directory!, `run-${this.files++}.bin`));
      this.runs.splice(-2, 2, merged);
      for (const run of [older, newer]) {
        closeSync(run.fd);
        rmSync(run.path, { force: true });
      }
    }
  }

  /** Every run's arena (its ids' entries, back to back), read whole: the fan-out path's shard id run (fan-out/index-id-run.ts). */
  *arenas(): Generator<Buffer> {
    for (const run of this.runs) {
      const arena = Buffer.allocUnsafe(run.arenaBytes);
      readFully(run.fd, arena, run.arenaStart);
      yield arena;
    }
  }

  /** Closes and deletes every run file. Safe to call more than once. */
  close(): void {
    for (const run of this.runs.splice(0)) closeSync(run.fd);
    if (this.directory !== undefined) rmSync(this.directory, { recursive: true, force: true });
    this.directory = undefined;
    this.bloom = undefined;
    this.count = 0;
    this.spills = 0;
  }

  /** Keys the largest allowed filter is sized for. */
  private get maxBloomKeys(): number {
    return Math.floor((8 * this.maxBloomBytes) / BLOOM_BITS_PER_KEY);
  }

  /** A filter for the ids spilled so far plus `more`, with room to grow into, within the cap. */
  private newBloom(more: number): CoreBloomFilter {
    const wanted = Math.max((this.count + more) * BLOOM_GROWTH, Math.floor((8 * this.initialBloomBytes) / BLOOM_BITS_PER_KEY));
    const maxBytes = Number.isFinite(this.maxBloomBytes) ? this.maxBloomBytes : 0;
    return new CoreBloomFilter(this.core, Math.min(wanted, Math.max(1, this.maxBloomKeys)), BLOOM_BITS_PER_KEY, maxBytes);
  }

  /** A bigger filter, from the hashes in every run's pairs section. */
  private rebuildBloom(): void {
    this.bloom = undefined; // let the old filter go before the new one is allocated
    const bloom = this.newBloom(0);
    for (const run of this.runs) {
      for (let b = 0; b < run.firstHash.length; b++) {
        const pairs = Math.min(PAIRS_PER_BLOCK, run.count - b * PAIRS_PER_BLOCK);
        readSync(run.fd, this.block, 0, pairs * PAIR_BYTES, b * BLOCK_BYTES);
        for (let p = 0; p < pairs * PAIR_BYTES; p += PAIR_BYTES) bloom.add(this.block.readUInt32LE(p));
      }
    }
    this.bloom = bloom;
  }
}

function readFully(fd: number, into: Buffer, position: number): void {
  for (let done = 0; done < into.length; ) {
    const read = readSync(fd, into, done, into.length - done, position + done);
    if (read === 0) throw new Error('transaction id index: a spilled run is shorter than written');
    done += read;
  }
}
