import { tmpdir } from 'node:os';
import { MAX_ID_UNITS, writeEntry } from './id-codec.js';
import { ProcessorCore } from './processor-core.js';
import { SpilledIdRuns } from './spilled-id-runs.js';

/** Where the id index may keep ids. */
export interface TransactionIdIndexOptions {
  /**
   * Bytes the index may hold in memory (hash table, id arena, and for spilled ids the Bloom filter
   * and block index); past it ids spill to disk.
   * @default 67_108_864 (64 MiB)
   */
  readonly memoryBudgetBytes?: number;
  /**
   * Parent directory of the spill directory; created only when a file outgrows the budget.
   * @default os.tmpdir()
   */
  readonly spillDirectory?: string;
}

export const DEFAULT_ID_MEMORY_BUDGET_BYTES = 64 * 1024 * 1024;

/** The id set's starting table: at most 1/32 of the budget (it grows as ids arrive). */
export function initialIdSlots(memoryBudgetBytes: number): number {
  return Math.min(4096, Math.max(64, 2 ** Math.floor(Math.log2(memoryBudgetBytes / 256))));
}

/** Checks a budget and returns it, or the default. */
export function idMemoryBudget(options: TransactionIdIndexOptions): number {
  const budget = options.memoryBudgetBytes ?? DEFAULT_ID_MEMORY_BUDGET_BYTES;
  if (!(budget >= 64 * 1024)) throw new RangeError('memoryBudgetBytes must be at least 64 KiB');
  return budget;
}

/**
 * Every transaction id seen in one file, exactly (SPEC §5: "not seen on an earlier row of the same
 * file"). Exact de-duplication needs state proportional to the number of ids; to keep the
 * process's memory flat, ids beyond a budget move to sorted runs on local disk (Lambda `/tmp`),
 * leaving about 2–3.5 bytes per spilled id in memory for a Bloom filter, paid from the same budget.
 * Files whose ids fit the budget never touch the disk.
 *
 * The in-memory set and the Bloom filter live in the processor core (assembly/id-set.ts), where
 * the CSV fast path adds ids without calling out; this class is the general path's way in, and the
 * one that spills and answers the core's disk lookups.
 */
export class TransactionIdIndex {
  readonly core: ProcessorCore;
  private spilled: SpilledIdRuns | undefined;
  private readonly memoryBudgetBytes: number;
  private readonly spillDirectory: string;

  /** @param core the core whose id set this is; a fresh one when omitted. */
  constructor(options: TransactionIdIndexOptions = {}, core?: ProcessorCore) {
    this.memoryBudgetBytes = idMemoryBudget(options);
    this.spillDirectory = options.spillDirectory ?? tmpdir();
    this.core =
      core ??
      new ProcessorCore({
        maxRecordBytes: 64 * 1024,
        chunkBytes: 64 * 1024,
        idLimitBytes: this.memoryBudgetBytes,
        initialIdSlots: initialIdSlots(this.memoryBudgetBytes),
      });
  }

  /** Ids held, in memory and on disk. */
  get size(): number {
    return this.core.idCount + (this.spilled?.size ?? 0);
  }

  /** How many times ids spilled to disk. */
  get spillCount(): number {
    return this.spilled?.spills ?? 0;
  }

  /**
   * Records `id` and returns true, or returns false when it was recorded before.
   * Ids are compared exactly (UTF-16 code units); at most 128 code units.
   */
  addIfAbsent(id: string): boolean {
    if (id.length === 0 || id.length > MAX_ID_UNITS) throw new RangeError(`Cannot index an id of ${id.length} units`);
    const core = this.core.exports;
    writeEntry(id, this.core.bytes, core.stagePointer());
    if (core.stageWritten() !== 0) return false;
    if (this.isStagedOnDisk()) return false;
    core.commitStaged();
    this.spillIfFull();
    return true;
  }

  /** Bytes held in memory for the ids on disk: the Bloom filter and the runs' block indexes. */
  get spilledMemoryBytes(): number {
    return this.spilled?.memoryBytes ?? 0;
  }

  /** Whether the id the core has staged was spilled to disk earlier. */
  isStagedOnDisk(): boolean {
    const spilled = this.spilled;
    if (spilled === undefined) return false;
    return spilled.has((this.core.exports.stagedHash.value as number) >>> 0, this.core.bytes, this.core.exports.stagePointer());
  }

  /** Spills the in-memory set to disk once it has outgrown its limit. */
  spillIfFull(): void {
    const core = this.core.exports;
    if (core.idSetFull() === 0) return;
    // An eighth of the budget sizes the filter for ~4.8 M spilled ids per 64 MiB before it must grow;
    // it grows to at most half (~19 M ids at full precision, a 2 GiB file of UUID ids), so peak
    // memory stays flat however big the file (at 4 GiB: ~5 % false positives, each one disk read per run).
    this.spilled ??= new SpilledIdRuns(this.spillDirectory, this.core, this.memoryBudgetBytes / 8, this.memoryBudgetBytes / 2);
    this.spilled.spill(this.core);
    // The Bloom filter and block indexes come out of the same budget, down to a quarter of it for
    // the set; past that (~20 M spilled ids per 64 MiB) memory grows by ~2–3.5 bytes per id.
    core.clearIds(Math.max(this.memoryBudgetBytes - this.spilled.memoryBytes, this.memoryBudgetBytes / 4));
  }

  /**
   * Every id held, as the encoded entries (id-codec.ts) the core keeps them in, back to back: the
   * in-memory set's arena (a view, good until the index changes), then each spilled run's. For the
   * fan-out path, which builds a shard's id run from them once its rows are done (fan-out/index-id-run.ts).
   */
  *idArenas(): Generator<Uint8Array> {
    const core = this.core.exports;
    const arena = core.arena.value as number;
    yield this.core.bytes.subarray(arena, arena + (core.arenaUsed.value as number));
    if (this.spilled !== undefined) yield* this.spilled.arenas();
  }

  /** Deletes spilled runs. Safe to call more than once. */
  close(): void {
    this.spilled?.close();
    this.spilled = undefined;
  }
}
