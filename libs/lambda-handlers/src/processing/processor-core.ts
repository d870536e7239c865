import { PROCESSOR_CORE_WASM_BASE64 } from './processor-core-binary.js';
import './webassembly-globals.js';
import { FIELD_TABLE, OUTPUT_KEYS } from './field-table.js';

/*
 * The processor's hot path in WebAssembly (sources: libs/lambda-handlers/assembly, AssemblyScript).
 *
 * Why: the benchmark target is 100 MB/s on one core, and JavaScript could not get there. A JS
 * byte loop costs ~1.5–2 ns per byte on the dev VM; the best all-JavaScript version of this
 * pipeline (bytes, no strings, a hand-written tokenizer, hash tables in typed arrays) ran at
 * 40–45 MB/s, and its parts, measured apart, left no single bottleneck to remove. The same
 * algorithms here compile to plain machine code: byte and 64-bit loads without bounds checks or
 * tagging, i64 sums, sixteen bytes per step (SIMD) for delimiters and escapes.
 *
 * `npm run bench:transform` on the shared 2-core dev VM (Node 20), MB/s; the VM's speed swings by
 * up to ±30 % from one hour to the next, so compare figures from one run (c/b is steadier):
 *
 *                                          64 MiB       256 MiB       1 GiB
 *                                          best of 3    best of 3     one run
 *   csv-parse 6.2, records only (t1)          –          15.0           –
 *   this tokenizer, records only (t2)         –         692             –
 *   naive baseline (b)                      106.3       118.8          92.7
 *   all-JavaScript pipeline (c), before       –          44.8          43.9
 *   this pipeline (c)                        86.8       128.9         128.5
 *   its peak RSS, MB                        149         207           228
 *
 * After the line-oriented contract (issue 11), same VM, one run each except 256 MiB (best of 3,
 * with the unchanged code measured right after in the same conditions):
 *
 *                                          256 MiB              1 GiB      4 GiB
 *   naive baseline (b)                      152.3 (base 153.5)    115.5       84.2
 *   this pipeline (c)                       128.6 (base 129.4)    111.3       38.4 *
 *   its peak RSS, MB                        205   (base 206)      219        236
 *   (* before runs were merged; a run scaled to the same ids per budget is as fast as 256 MiB now)
 *
 * Measured on a quiet VM before the throughput work below (best of 3; 4 GiB one run): 256 MiB
 * c 113.7, b 143.8, c/b 0.79, RSS 205; 1 GiB c 129.7, b 130.6, c/b 0.99, RSS 219; 4 GiB c 84.4,
 * b 97.0, RSS 237. That work: a lowercase UUID id is kept in 16 bytes instead of 37 (id-entry.ts),
 * so twice the ids fit before a spill; spills sort through the arena instead of a scratch buffer;
 * the id table grows to at most a quarter of the budget; a short account is matched inside its
 * lookup slot; cells' tails are checked sixteen bytes at once. Then, the VM loaded by other jobs
 * (load average 12–20, so wall MB/s swings by 2× between runs: judge by cpu MB/s, file bytes per
 * second of user + system CPU), the code before ("base") and after measured back to back:
 *
 *                              256 MiB, best of 3      1 GiB, best of 3       4 GiB, one run
 *                              MB/s   cpu MB/s  RSS    MB/s   cpu MB/s  RSS   MB/s   cpu MB/s  RSS
 *   naive baseline (b), base    55.4   143.1          143.2   151.0          28.9   140.3
 *   this pipeline (c), base     60.5    98.4    207     84.4   123.6    222  37.1    84.6     247
 *   naive baseline (b)         103.9   147.8           66.8   147.7          22.1   132.8
 *   this pipeline (c)          125.9   128.5    187     83.9   136.1    210  27.6   107.4     225
 *
 * By CPU the pipeline gained 31 % at 256 MiB, 10 % at 1 GiB and 27 % at 4 GiB (c/b by CPU
 * 0.69 → 0.87, 0.82 → 0.92, 0.60 → 0.81); by wall clock c/b was 1.21, 1.26 and 1.25 in these
 * runs (1.09, 0.59 and 1.28 for the base), which the load skews in c's favour (the naive baseline
 * holds the whole file: 0.7–5.9 GB RSS). On a quiet VM the pipeline's wall clock beats its CPU time (reads, GC and compilation run on
 * other threads), so c ≈ 113.7 × 1.31 ≈ 149 MB/s at 256 MiB is the expectation there: confirm with
 * `npm run bench:transform -- --size-mb 256 --runs 3` (and 1024, and 4096 with --runs 1).
 *
 * What is left on large files is mostly memory latency (one cache miss per row in each of the id,
 * account and group tables and, once ids have spilled, the Bloom filter; scan() overlaps them in
 * batches), spilling (each spill is sorted, written and merged with the runs before it: about a
 * sixth of the CPU at 1 GiB) and the source stream itself (~0.1 ms per 64 KiB chunk on this VM).
 * On small files the fixed costs show: the 64 MiB file already has 140 k groups to sort and
 * materialize (~0.13 s), and the ~1 % of rows the general path judges cost ~6 µs each.
 *
 * What lives in the core: the CSV tokenizer over a window of the file (one physical line per
 * record; a line that does not split into cells comes back `malformed` with its raw bytes), the
 * fast path for the usual row (field checks, the normalized JSON line, the aggregate), the
 * in-memory id set with the Bloom filter over spilled ids, the account and group tables, and the
 * output buffer. Which column holds which field and the output keys' text come from FIELD_TABLE,
 * written into core memory once the header is known (configureFields). What stays in
 * JavaScript: the field rules' reference implementation and the general path for every other row
 * (RecordValidator), JSON Lines, spilling ids to disk, gzip, and all I/O. The core is sound, not
 * complete: it declines anything unusual and JavaScript decides it, so reasons are named in one
 * place.
 *
 * One core serves one file: memory is never shared between files and goes with the instance.
 */

/** What {@link ProcessorCore.scan} stopped for. */
export const CoreEvent = {
  /** Every complete record is consumed: write more input (or, once input has ended, done). */
  NeedInput: 0,
  /** The header, or a row the fast path does not take: read its cells. */
  Record: 1,
  /** The output holds a chunk: hand {@link ProcessorCore.output} to the sink, then call outputTaken. */
  OutputReady: 2,
  /** The current record outgrew the size limit. */
  RecordTooLarge: 3,
  /** The id set outgrew its limit: spill it and clear it. */
  Spill: 4,
  /** The staged id may have been spilled: look on disk and answer resolveSpilled. */
  CheckSpilled: 5,
} as const;
export type CoreEvent = (typeof CoreEvent)[keyof typeof CoreEvent];

interface CoreExports {
  readonly memory: WebAssembly.Memory;
  init(maxRecordBytes: number, chunkBytes: number, idLimitBytes: number, initialIdSlots: number): void;
  scan(): CoreEvent;
  writePointer(): number;
  writeRoom(): number;
  wrote(bytes: number): void;
  endInput(): void;
  readonly cellStarts: WebAssembly.Global;
  readonly cellEnds: WebAssembly.Global;
  readonly cellCount: WebAssembly.Global;
  readonly recordLine: WebAssembly.Global;
  readonly nextLine: WebAssembly.Global;
  /** The current record is a line that does not split into cells; its bytes are [rawStart, rawEnd). */
  readonly malformed: WebAssembly.Global;
  readonly rawStart: WebAssembly.Global;
  readonly rawEnd: WebAssembly.Global;
  readonly acceptedRows: WebAssembly.Global;
  fieldLayoutPointer(): number;
  applyFieldLayout(): number;
  readonly FIELD_COUNT: WebAssembly.Global;
  readonly OUTPUT_KEY_COUNT: WebAssembly.Global;
  addCurrency(packed: number, index: number, minorDigits: number): void;
  resolveSpilled(onDisk: boolean): void;
  scratchPointer(bytes: number): number;
  stagePointer(): number;
  stageWritten(): number;
  commitStaged(): void;
  readonly stagedHash: WebAssembly.Global;
  readonly idCount: WebAssembly.Global;
  idSetFull(): number;
  clearIds(limitBytes: number): void;
  tablePointer(): number;
  tableSlots(): number;
  readonly arena: WebAssembly.Global;
  spillBegin(addToBloom: boolean): number;
  readonly arenaUsed: WebAssembly.Global;
  bloomReset(blocks: number, maxBlocks: number): void;
  bloomAdd(hash: number): void;
  bloomMayContain(hash: number): number;
  accountIndex(start: number, end: number): number;
  readonly accountCount: WebAssembly.Global;
  readonly accountRefs: WebAssembly.Global;
  readonly accountArena: WebAssembly.Global;
  addToGroup(account: number, key: number, status: number, amount: bigint): void;
  readonly groupTable: WebAssembly.Global;
  groupSlots(): number;
  readonly groupCount: WebAssembly.Global;
  readonly outputBase: WebAssembly.Global;
  readonly outputEnd: WebAssembly.Global;
  reserveOutput(bytes: number): void;
  setOutputEnd(end: number): void;
  outputTaken(): void;
}

/** A group's slot in the core: 64 bytes, see assembly/aggregates.ts. */
export const GROUP_SLOT_BYTES = 64;

let compiled: WebAssembly.Module | undefined;

/** Compiled once per process (a cold start pays ~1 ms), instantiated once per file. */
function coreModule(): WebAssembly.Module {
  return (compiled ??= new WebAssembly.Module(Buffer.from(PROCESSOR_CORE_WASM_BASE64, 'base64')));
}

export interface ProcessorCoreOptions {
  readonly maxRecordBytes: number;
  /** Output is handed over in chunks of about this many bytes. */
  readonly chunkBytes: number;
  /** The most bytes the in-memory id set may use before it asks to be spilled. */
  readonly idLimitBytes: number;
  readonly initialIdSlots: number;
}

/**
 * One instance of the core, with typed views of its memory. Views are re-made whenever the memory
 * has grown (growing detaches the old ArrayBuffer), so read them through the getters each time.
 */
export class ProcessorCore {
  readonly exports: CoreExports;
  private buffer: ArrayBuffer;
  private u8: Buffer;
  private u32: Uint32Array;
  private dataView: DataView;

  constructor(options: ProcessorCoreOptions) {
    const instance = new WebAssembly.Instance(coreModule(), {
      env: {
        abort: () => {
          throw new Error('processor core: internal error (abort)');
        },
      },
    });
    this.exports = instance.exports as unknown as CoreExports;
    this.exports.init(options.maxRecordBytes, options.chunkBytes, options.idLimitBytes, options.initialIdSlots);
    this.buffer = this.exports.memory.buffer;
    this.u8 = Buffer.from(this.buffer);
    this.u32 = new Uint32Array(this.buffer);
    this.dataView = new DataView(this.buffer);
  }

  private refresh(): void {
    const buffer = this.exports.memory.buffer;
    if (buffer === this.buffer) return;
    this.buffer = buffer;
    this.u8 = Buffer.from(buffer);
    this.u32 = new Uint32Array(buffer);
    this.dataView = new DataView(buffer);
  }

  /** The core's memory as bytes. */
  get bytes(): Buffer {
    this.refresh();
    return this.u8;
  }

  /** The core's memory as 32-bit words (index = address / 4). */
  get words(): Uint32Array {
    this.refresh();
    return this.u32;
  }

  get view(): DataView {
    this.refresh();
    return this.dataView;
  }

  /** Copies what fits of `chunk` from `from` into the input window; returns the new `from`. Scan before the next call. */
  writeInput(chunk: Uint8Array, from: number): number {
    const at = this.exports.writePointer();
    const length = Math.min(this.exports.writeRoom(), chunk.length - from);
    this.bytes.set(chunk.subarray(from, from + length), at);
    this.exports.wrote(length);
    return from + length;
  }

  /** The output buffer's lines so far (a view: copy what you keep). */
  output(): Uint8Array {
    const base = this.exports.outputBase.value as number;
    return this.bytes.subarray(base, this.exports.outputEnd.value as number);
  }

  /** The current record's cells as strings, decoded from UTF-8 (invalid bytes become U+FFFD). */
  cells(): string[] {
    const words = this.words;
    const bytes = this.u8;
    const starts = (this.exports.cellStarts.value as number) >>> 2;
    const ends = (this.exports.cellEnds.value as number) >>> 2;
    const count = this.exports.cellCount.value as number;
    const cells = new Array<string>(count);
    for (let i = 0; i < count; i++) cells[i] = bytes.toString('utf8', words[starts + i]!, words[ends + i]!);
    return cells;
  }

  /**
   * Tells the core where FIELD_TABLE's fields sit in this file's rows (`positions`, indexed like
   * the table; -1 when absent), which are required, and the text of each output key, in the layout
   * assembly/field-layout.ts reads.
   */
  configureFields(positions: readonly number[]): void {
    const fieldCount = this.exports.FIELD_COUNT.value as number;
    const openers = [...OUTPUT_KEYS.map((key, i) => `${i === 0 ? '{' : '",'}${JSON.stringify(key)}:"`), '"}\n'];
    if (FIELD_TABLE.length !== fieldCount || openers.length !== (this.exports.OUTPUT_KEY_COUNT.value as number)) {
      throw new Error(`processor core: built for ${fieldCount} fields, FIELD_TABLE has ${FIELD_TABLE.length}: run npm run build:core after changing both`);
    }
    let at = this.exports.fieldLayoutPointer();
    const view = this.view;
    positions.forEach((position, i) => view.setInt32(at + 4 * i, position, true));
    at += 4 * fieldCount;
    FIELD_TABLE.forEach((field, i) => view.setUint8(at + i, field.required ? 1 : 0));
    at += fieldCount;
    for (const opener of openers) {
      const length = this.bytes.write(opener, at + 4, 'latin1');
      view.setUint32(at, length, true);
      at += 4 + length;
    }
    if (this.exports.applyFieldLayout() === 0) throw new Error('processor core: the field layout does not fit');
  }

  /** The current record is a malformed line (see assembly/csv-records.ts): its raw text, else undefined. */
  malformedLine(): string | undefined {
    if ((this.exports.malformed.value as number) === 0) return undefined;
    return this.bytes.toString('utf8', this.exports.rawStart.value as number, this.exports.rawEnd.value as number);
  }

  /** Ids in the in-memory set. */
  get idCount(): number {
    return this.exports.idCount.value as number;
  }

  get recordLine(): number {
    return this.exports.recordLine.value as number;
  }
}
