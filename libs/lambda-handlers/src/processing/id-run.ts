import { closeSync, openSync, readSync, writeSync } from 'node:fs';
import { MAX_ENTRY_BYTES, entriesEqual } from './id-codec.js';

/*
 * One run of spilled transaction ids on disk (see spilled-id-runs.ts for the layout and why), and
 * the merge that keeps their number small: a lookup the Bloom filter lets through reads one block
 * from every run, so fewer runs make each false positive cheaper.
 */

export const PAIR_BYTES = 8;
/**
 * A lookup reads one block of pairs per run: 64 pairs (512 bytes) keep the read short and cost
 * 4 bytes of index per 64 spilled ids (~0.5 MB per 8 M).
 */
export const PAIRS_PER_BLOCK = 64;
export const BLOCK_BYTES = PAIR_BYTES * PAIRS_PER_BLOCK;
/** Writes `length` bytes of `bytes` from `offset` at file position `position`, however many calls it takes. */
export function writeFully(fd: number, bytes: Uint8Array, offset: number, length: number, position: number): void {
  for (let done = 0; done < length; ) done += writeSync(fd, bytes, offset + done, length - done, position + done);
}

/** One run file on disk: [pairs: count × (h1, ref), sorted by h1][arena], with its block index in memory. */
export class IdRun {
  constructor(
    /** The run's file, deleted once the run is merged into another. */
    readonly path: string,
    readonly fd: number,
    readonly count: number,
    /** h1 of the first pair of every block; non-decreasing. */
    readonly firstHash: Uint32Array,
    /** Bytes of the arena section. */
    readonly arenaBytes: number,
  ) {}

  /** File offset of the arena section. */
  get arenaStart(): number {
    return this.count * PAIR_BYTES;
  }

  /** Whether the run holds the entry encoded at `bytes[offset]`, whose h1 is `h1`. */
  contains(bytes: Uint8Array, offset: number, h1: number, block: Buffer, blockWords: Uint32Array, entry: Buffer): boolean {
    const firstHash = this.firstHash;
    let low = 0;
    let high = firstHash.length - 1;
    let first = -1;
    while (low <= high) {
      const mid = (low + high) >>> 1;
      if (firstHash[mid]! <= h1) {
        first = mid;
        low = mid + 1;
      } else {
        high = mid - 1;
      }
    }
    if (first < 0) return false;
    // Pairs with this hash may sit at the tail of earlier blocks.
    while (first > 0 && firstHash[first] === h1) first--;
    for (let b = first; b < firstHash.length && firstHash[b]! <= h1; b++) {
      const pairs = Math.min(PAIRS_PER_BLOCK, this.count - b * PAIRS_PER_BLOCK);
      readSync(this.fd, block, 0, pairs * PAIR_BYTES, b * BLOCK_BYTES);
      // The first pair with a hash ≥ h1: pair i is words 2i (h1) and 2i + 1 (ref), little-endian
      // as the core wrote them (x64 and arm64 are little-endian).
      let from = 0;
      let to = pairs;
      while (from < to) {
        const mid = (from + to) >>> 1;
        if (blockWords[2 * mid]! < h1) from = mid + 1;
        else to = mid;
      }
      for (let p = from; p < pairs; p++) {
        if (blockWords[2 * p] !== h1) return false;
        readSync(this.fd, entry, 0, MAX_ENTRY_BYTES, this.arenaStart + blockWords[2 * p + 1]! - 1);
        if (entriesEqual(entry, 0, bytes, offset)) return true;
      }
    }
    return false;
  }
}

/** Exact membership over every id spilled so far; owns a temporary directory until {@link close}. */

/** Pairs of a run read front to back, 8 K pairs per read. */
class PairReader {
  private readonly words = new Uint32Array(2 * 8192);
  private readonly bytes = Buffer.from(this.words.buffer);
  private loaded = 0;
  private at = 0;
  private next = 0;
  hash = 0;
  ref = 0;
  done = false;

  constructor(
    private readonly run: IdRun,
    /** Added to every ref: where this run's arena starts in the merged arena. */
    private readonly shift: number,
  ) {
    this.advance();
  }

  advance(): void {
    if (this.at === this.loaded) {
      const pairs = Math.min(this.words.length / 2, this.run.count - this.next);
      if (pairs === 0) {
        this.done = true;
        return;
      }
      readSync(this.run.fd, this.bytes, 0, pairs * PAIR_BYTES, this.next * PAIR_BYTES);
      this.next += pairs;
      this.loaded = pairs;
      this.at = 0;
    }
    this.hash = this.words[2 * this.at]!;
    this.ref = this.words[2 * this.at + 1]! + this.shift;
    this.at++;
  }
}

/** Copies `length` bytes from `from` at `fromPosition` to `to` at `toPosition`, 1 MiB at a time. */
function copyBytes(from: number, fromPosition: number, length: number, to: number, toPosition: number, buffer: Buffer): void {
  for (let done = 0; done < length; ) {
    const read = readSync(from, buffer, 0, Math.min(buffer.length, length - done), fromPosition + done);
    writeFully(to, buffer, 0, read, toPosition + done);
    done += read;
  }
}

/** Refs are u32 (arena offset + 1): merged arenas must stay below 4 GiB. */
export const MAX_MERGED_ARENA_BYTES = 2 ** 32 - 1 - MAX_ENTRY_BYTES;

/**
 * Writes runs `a` and `b` as one run to `path`: the pairs merged by h1 (b's refs moved past a's
 * arena), then a's arena and b's. Leaves `a` and `b` as they are; the caller closes them.
 */
export function mergeIdRuns(a: IdRun, b: IdRun, path: string): IdRun {
  const fd = openSync(path, 'w+');
  try {
    const count = a.count + b.count;
    const firstHash = new Uint32Array(Math.ceil(count / PAIRS_PER_BLOCK));
    const out = new Uint32Array(2 * 8192);
    const outBytes = Buffer.from(out.buffer);
    const left = new PairReader(a, 0);
    const right = new PairReader(b, a.arenaBytes);
    let used = 0;
    let written = 0;
    for (let n = 0; n < count; n++) {
      const reader = right.done || (!left.done && left.hash <= right.hash) ? left : right;
      if (n % PAIRS_PER_BLOCK === 0) firstHash[n / PAIRS_PER_BLOCK] = reader.hash;
      out[used++] = reader.hash;
      out[used++] = reader.ref;
      reader.advance();
      if (used === out.length) {
        writeFully(fd, outBytes, 0, used * 4, written);
        written += used * 4;
        used = 0;
      }
    }
    writeFully(fd, outBytes, 0, used * 4, written);
    const buffer = Buffer.allocUnsafe(1 << 20);
    copyBytes(a.fd, a.arenaStart, a.arenaBytes, fd, count * PAIR_BYTES, buffer);
    copyBytes(b.fd, b.arenaStart, b.arenaBytes, fd, count * PAIR_BYTES + a.arenaBytes, buffer);
    return new IdRun(path, fd, count, firstHash, a.arenaBytes + b.arenaBytes);
  } catch (error) {
    closeSync(fd);
    throw error;
  }
}
