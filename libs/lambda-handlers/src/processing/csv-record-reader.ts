import { viewOf } from './byte-copy.js';
import { BufferedLines } from './buffered-lines.js';
import { COMMA, CR, LF, QUOTE } from './ascii.js';

/*
 * RFC 4180 tokenizer over the file's bytes, hand-written because csv-parse was the bottleneck.
 * Numbers from `node tools/bench/transform-bench.mjs --size-mb 256 --tokenizers` (2.4 M rows of
 * ~111 B, 1 % bad) on the shared 2-core dev VM (AMD EPYC, Node 20), MiB/s:
 *
 *                                            tokenizer alone (t1, t2)   whole pipeline (c)
 *   csv-parse 6.2 streaming, `info: true`            14.7                   ~10 *
 *   earlier reader over latin1 strings              193.9                    33.5
 *   this reader                                     355                      41
 *
 *   * a throwaway variant of (c) that read through csv-parse, measured once, not kept.
 *
 * A record comes back as cell ranges over bytes, not as strings: the fast path (CsvFastPath)
 * checks and copies fields in place, and strings are made only for rows that need them.
 *
 * Delimiters are found with Buffer.indexOf (native, and the next quote is remembered across lines).
 * A line without a quote is one record whose cells are ranges of the input. A record with a quote
 * goes through a small state machine that may span physical lines and writes its unquoted cells
 * into a scratch buffer, so its cells are ranges too. Accepted beyond RFC 4180, as most producers
 * emit it: LF as well as CRLF; a quote inside an unquoted cell is literal (`ab"c`); text between a
 * closing quote and the next delimiter is appended (`"ab"c` → `abc`); an unclosed quote at end of
 * input closes there. A line holding only spaces or tabs is blank.
 */

const EMPTY = Buffer.alloc(0);

/** The record a {@link CsvRecordReader} is positioned on; valid until its next `push` or `next`. */
export interface CsvRecord {
  /** Physical line (1-based) on which the record starts. */
  readonly line: number;
  /** Cell i is the UTF-8 bytes `bytes[cellStarts[i], cellEnds[i])`, i < cellCount, quotes undone. */
  readonly bytes: Buffer;
  /** A DataView over {@link bytes}, for word-at-a-time copies. */
  readonly view: DataView;
  readonly cellStarts: Int32Array;
  readonly cellEnds: Int32Array;
  readonly cellCount: number;
  /** The cells as strings, decoded from UTF-8 (invalid bytes become U+FFFD). */
  cells(): string[];
}

/**
 * Pull-based CSV record reader: {@link push} byte chunks as they arrive, call {@link next} until it
 * returns undefined (needs more bytes), and after {@link end} drain it once more. Holds at most one
 * partial record plus the latest chunk.
 */
export class CsvRecordReader extends BufferedLines implements CsvRecord {
  /** Unquoted cells of the current quoted record, back to back. */
  private scratch = Buffer.allocUnsafe(4096);
  private scratchView = viewOf(this.scratch);
  private bufferView = viewOf(EMPTY);
  private cellsCache: string[] | undefined;
  /** Index of the next `"` / `,` at or after some earlier position; -1 = none left; -2 = unknown. */
  private quoteAt = -2;
  private commaAt = -2;

  line = 0;
  bytes: Buffer = EMPTY;
  view = viewOf(EMPTY);
  cellStarts = new Int32Array(16);
  cellEnds = new Int32Array(16);
  cellCount = 0;

  protected override rebased(): void {
    this.bufferView = viewOf(this.buffer);
    this.quoteAt = -2;
    this.commaAt = -2;
  }

  /** Moves to the next record and returns it; undefined when more bytes are needed or, after {@link end}, when done. */
  next(): CsvRecord | undefined {
    const buffer = this.buffer;
    for (;;) {
      const start = this.position;
      if (start >= buffer.length) return undefined;
      const lineEnd = this.lineEnd(start);
      if (lineEnd === -1) return undefined;
      let quote = this.quoteAt;
      if (quote === -2 || (quote !== -1 && quote < start)) quote = this.quoteAt = buffer.indexOf(QUOTE, start);
      if (quote !== -1 && quote < lineEnd) {
        if (!this.quotedRecord(start)) return this.needMore(start);
        return this.positioned(this.scratch, this.scratchView);
      }
      const end = this.contentEnd(start, lineEnd);
      const line = this.nextLine++;
      this.position = lineEnd + 1;
      if (this.isBlank(start, end)) continue;
      this.splitPlain(buffer, start, end);
      this.line = line;
      return this.positioned(buffer, this.bufferView);
    }
  }

  cells(): string[] {
    if (this.cellsCache !== undefined) return this.cellsCache;
    const cells = new Array<string>(this.cellCount);
    for (let i = 0; i < this.cellCount; i++) cells[i] = this.bytes.toString('utf8', this.cellStarts[i], this.cellEnds[i]);
    return (this.cellsCache = cells);
  }

  private positioned(bytes: Buffer, view: DataView): CsvRecord {
    this.bytes = bytes;
    this.view = view;
    this.cellsCache = undefined;
    return this;
  }

  private addCell(start: number, end: number): void {
    const n = this.cellCount++;
    if (n === this.cellStarts.length) {
      const starts = new Int32Array(2 * n);
      const ends = new Int32Array(2 * n);
      starts.set(this.cellStarts);
      ends.set(this.cellEnds);
      this.cellStarts = starts;
      this.cellEnds = ends;
    }
    this.cellStarts[n] = start;
    this.cellEnds[n] = end;
  }

  /** Splits the quote-free line `[start, end)` at its commas. */
  private splitPlain(buffer: Buffer, start: number, end: number): void {
    this.cellCount = 0;
    let cellStart = start;
    for (;;) {
      let comma = this.commaAt;
      if (comma === -2 || (comma !== -1 && comma < cellStart)) comma = this.commaAt = buffer.indexOf(COMMA, cellStart);
      if (comma === -1 || comma >= end) {
        this.addCell(cellStart, end);
        return;
      }
      this.addCell(cellStart, comma);
      cellStart = comma + 1;
    }
  }

  /** A scratch buffer of at least `needed` bytes (its content is not kept). */
  private growScratch(needed: number): Buffer {
    this.scratch = Buffer.allocUnsafe(Math.max(2 * this.scratch.length, needed));
    this.scratchView = viewOf(this.scratch);
    return this.scratch;
  }

  /**
   * Parses a record containing quotes from `start` into the scratch buffer and moves past it;
   * false when it continues past the buffered bytes.
   */
  private quotedRecord(start: number): boolean {
    const buffer = this.buffer;
    const length = buffer.length;
    const ended = this.ended;
    // Unquoting only shrinks a record, so its raw length bounds the scratch space it needs.
    const scratch = this.scratch.length >= length - start ? this.scratch : this.growScratch(length - start);
    let used = 0;
    let newlines = 0;
    let i = start;
    this.cellCount = 0;
    for (;;) {
      const cellStart = used;
      if (i < length && buffer[i] === QUOTE) {
        i++;
        for (;;) {
          if (i >= length) {
            if (!ended) return false;
            break; // an unclosed quote closes at end of input
          }
          const byte = buffer[i]!;
          if (byte === QUOTE) {
            if (i + 1 >= length && !ended) return false; // `""` or a closing quote? Wait for more.
            if (buffer[i + 1] === QUOTE) {
              scratch[used++] = QUOTE;
              i += 2;
              continue;
            }
            i++;
            break;
          }
          if (byte === LF) newlines++;
          scratch[used++] = byte;
          i++;
        }
      }

      // Unquoted text, or whatever follows a closing quote, up to the delimiter.
      const tailStart = used;
      let atLineEnd = false;
      for (;;) {
        if (i >= length) {
          if (!ended) return false;
          atLineEnd = true;
          break;
        }
        const byte = buffer[i]!;
        if (byte === COMMA) break;
        if (byte === LF) {
          atLineEnd = true;
          break;
        }
        scratch[used++] = byte;
        i++;
      }
      if (atLineEnd && used > tailStart && scratch[used - 1] === CR) used--;
      this.addCell(cellStart, used);
      i++; // past the comma or LF
      if (!atLineEnd) continue;
      this.line = this.nextLine;
      this.nextLine += newlines + 1;
      this.position = i;
      return true;
    }
  }
}
