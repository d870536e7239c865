import { tmpdir } from 'node:os';
import { CompactIdSet } from './compact-id-set.js';
import { MAX_ID_UNITS } from './id-codec.js';
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

/**
 * Every transaction id seen in one file, exactly (SPEC §5: "not seen on an earlier row of the same
 * file"). Exact de-duplication needs state proportional to the number of ids; to keep the
 * process's memory flat, ids beyond a budget move to sorted runs on local disk (Lambda `/tmp`),
 * leaving about 2–3.5 bytes per spilled id in memory for a Bloom filter, paid from the same budget.
 * Files whose ids fit the budget never touch the disk.
 */
export class TransactionIdIndex {
  private readonly memory: CompactIdSet;
  private spilled: SpilledIdRuns | undefined;
  private readonly memoryBudgetBytes: number;
  private readonly spillDirectory: string;
  /** What the in-memory set may use: the budget minus what spilled ids keep in memory. */
  private memoryLimitBytes: number;

  constructor(options: TransactionIdIndexOptions = {}) {
    this.memoryBudgetBytes = options.memoryBudgetBytes ?? DEFAULT_ID_MEMORY_BUDGET_BYTES;
    this.spillDirectory = options.spillDirectory ?? tmpdir();
    if (!(this.memoryBudgetBytes >= 64 * 1024)) throw new RangeError('memoryBudgetBytes must be at least 64 KiB');
    // Pages of at most an eighth of the budget, so a budget is spent on ids rather than one page.
    const pageBits = Math.min(20, Math.max(9, Math.floor(Math.log2(this.memoryBudgetBytes / 8))));
    // A starting table of at most 1/32 of the budget (it grows as ids arrive).
    const capacity = Math.min(4096, Math.max(64, 2 ** Math.floor(Math.log2(this.memoryBudgetBytes / 256))));
    this.memory = new CompactIdSet(pageBits, capacity);
    this.memoryLimitBytes = this.memoryBudgetBytes;
  }

  /** Ids held, in memory and on disk. */
  get size(): number {
    return this.memory.size + (this.spilled?.size ?? 0);
  }

  /** How many times ids spilled to disk. */
  get spillCount(): number {
    return this.spilled?.runCount ?? 0;
  }

  /**
   * Records `id` and returns true, or returns false when it was recorded before.
   * Ids are compared exactly (UTF-16 code units); at most 128 code units.
   */
  addIfAbsent(id: string): boolean {
    if (id.length === 0 || id.length > MAX_ID_UNITS) throw new RangeError(`Cannot index an id of ${id.length} units`);
    return this.addStagedIfAbsent(this.memory.stage(id));
  }

  /**
   * {@link addIfAbsent} for an id given as ASCII bytes, `source[start, end)` of a DataView: the
   * same id as that string.
   */
  addAsciiIfAbsent(source: DataView, start: number, end: number): boolean {
    const length = end - start;
    if (length <= 0 || length > MAX_ID_UNITS) throw new RangeError(`Cannot index an id of ${length} units`);
    return this.addStagedIfAbsent(this.memory.stageAscii(source, start, end));
  }

  private addStagedIfAbsent(h1: number): boolean {
    const memory = this.memory;
    const slot = memory.findStaged(h1);
    if (slot >= 0) return false;
    if (this.spilled !== undefined && this.spilled.has(h1, memory.stagedPage, memory.stagedOffset)) return false;
    memory.commitStaged(h1, slot);
    if (memory.usedBytes > this.memoryLimitBytes) this.spill();
    return true;
  }

  /** Deletes spilled runs. Safe to call more than once. */
  close(): void {
    this.spilled?.close();
    this.spilled = undefined;
  }

  private spill(): void {
    // An eighth of the budget sizes the filter for ~4.8 M spilled ids per 64 MiB before it must grow.
    this.spilled ??= new SpilledIdRuns(this.spillDirectory, this.memoryBudgetBytes / 8);
    this.spilled.spill(this.memory);
    // The Bloom filter and block indexes come out of the same budget, down to a quarter of it for
    // the set; past that (~20 M spilled ids per 64 MiB) memory grows by ~2–3.5 bytes per id.
    this.memoryLimitBytes = Math.max(this.memoryBudgetBytes - this.spilled.memoryBytes, this.memoryBudgetBytes / 4);
    this.memory.clear(this.memoryLimitBytes);
  }
}
