import { decodeIfNeeded, nonAsciiIndex } from './binary-text.js';
import { RecordTooLargeError } from './errors.js';

/*
 * RFC 4180 tokenizer, hand-written because csv-parse was the bottleneck. Numbers from
 * `node tools/bench/transform-bench.mjs --size-mb 256 --runs 2 --tokenizers` (2.4 M rows of
 * ~111 B, 1 % bad) on the shared 2-core dev VM (AMD EPYC, Node 20), best of 2, MiB/s:
 *
 *                                            tokenizer alone (t1, t2)   whole pipeline (c)
 *   csv-parse 6.2 streaming, `info: true`            14.7                   ~10 *
 *   this reader                                     193.9                    33.5
 *
 *   * a throwaway variant of (c) that read through csv-parse, measured once, not kept.
 *
 * With csv-parse the tokenizer alone would take 7× the 100 MB/s budget; with this reader it is
 * ~15 % of the pipeline, and the rules, exact de-duplication and aggregation are the rest.
 *
 * Fast path: a physical line without a quote is one record, split with indexOf. Lines with a quote
 * go through a small state machine that may span physical lines. Accepted beyond RFC 4180, as most
 * producers emit it: LF as well as CRLF; a quote inside an unquoted cell is literal (`ab"c`); text
 * between a closing quote and the next delimiter is appended (`"ab"c` → `abc`); an unclosed quote
 * at end of input closes there. A line holding only spaces or tabs is blank.
 */

const QUOTE = 34;
const COMMA = 44;
const LF = 10;
const CR = 13;
const SPACE = 32;
const TAB = 9;

function isBlankRange(text: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) {
    const code = text.charCodeAt(i);
    if (code !== SPACE && code !== TAB) return false;
  }
  return true;
}

function countNewlines(text: string, start: number, end: number): number {
  let count = 0;
  for (let i = text.indexOf('\n', start); i !== -1 && i < end; i = text.indexOf('\n', i + 1)) count++;
  return count;
}

/** Index of the first `,` or LF at or after `start`, or `text.length`. */
function findDelimiter(text: string, start: number): number {
  for (let i = start; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === COMMA || code === LF) return i;
  }
  return text.length;
}

/**
 * Pull-based CSV record reader over binary text (one char per byte, see `binaryText`): {@link push}
 * text as it arrives, call {@link next} until it returns undefined (needs more text), and after
 * {@link end} drain it once more. Cells come back as proper strings: a record holding a byte
 * ≥ 0x80 has its cells decoded from UTF-8. Holds at most one partial record plus the latest chunk.
 */
export class CsvRecordReader {
  private buffer = '';
  private position = 0;
  private nextLine = 1;
  private ended = false;
  /** Index of the next `"` / `,` at or after some earlier position; -1 = none left; -2 = unknown. */
  private quoteAt = -2;
  private commaAt = -2;
  private nonAsciiAt = -2;

  /** Physical line (1-based) on which the record last returned by {@link next} starts. */
  line = 0;

  constructor(private readonly maxRecordBytes: number) {}

  /** Appends decoded text. */
  push(text: string): void {
    this.buffer = this.position < this.buffer.length ? this.buffer.slice(this.position) + text : text;
    this.position = 0;
    this.quoteAt = -2;
    this.commaAt = -2;
    this.nonAsciiAt = -2;
  }

  /** Marks the end of input: a final line without a newline becomes a record. */
  end(): void {
    this.ended = true;
  }

  /** The next record's cells; undefined when more text is needed or, after {@link end}, when done. */
  next(): string[] | undefined {
    for (;;) {
      const buffer = this.buffer;
      const start = this.position;
      if (start >= buffer.length) return undefined;
      const newline = buffer.indexOf('\n', start);
      if (newline === -1 && !this.ended) return this.needMore(start);
      const lineEnd = newline === -1 ? buffer.length : newline;

      let quote = this.quoteAt;
      if (quote === -2 || (quote !== -1 && quote < start)) quote = this.quoteAt = buffer.indexOf('"', start);
      if (quote !== -1 && quote < lineEnd) {
        const cells = this.quotedRecord(start);
        return cells === null ? this.needMore(start) : this.decoded(cells, start, this.position);
      }

      const line = this.nextLine++;
      this.position = lineEnd + 1;
      const end = lineEnd > start && buffer.charCodeAt(lineEnd - 1) === CR ? lineEnd - 1 : lineEnd;
      if (isBlankRange(buffer, start, end)) continue;
      this.line = line;
      return this.decoded(this.splitUnquoted(buffer, start, end), start, end);
    }
  }

  /** `cells` of the record in [start, end), decoded from UTF-8 if that range has a byte ≥ 0x80. */
  private decoded(cells: string[], start: number, end: number): string[] {
    let nonAscii = this.nonAsciiAt;
    if (nonAscii === -2 || (nonAscii !== -1 && nonAscii < start)) {
      nonAscii = this.nonAsciiAt = nonAsciiIndex(this.buffer, start);
    }
    if (nonAscii === -1 || nonAscii >= end) return cells;
    for (let i = 0; i < cells.length; i++) cells[i] = decodeIfNeeded(cells[i]!);
    return cells;
  }

  private needMore(start: number): undefined {
    if (this.buffer.length - start > this.maxRecordBytes) {
      throw new RecordTooLargeError(this.nextLine, this.maxRecordBytes);
    }
    return undefined;
  }

  private splitUnquoted(buffer: string, start: number, end: number): string[] {
    const cells: string[] = [];
    let cellStart = start;
    for (;;) {
      let comma = this.commaAt;
      if (comma === -2 || (comma !== -1 && comma < cellStart)) comma = this.commaAt = buffer.indexOf(',', cellStart);
      if (comma === -1 || comma >= end) {
        cells.push(buffer.slice(cellStart, end));
        return cells;
      }
      cells.push(buffer.slice(cellStart, comma));
      cellStart = comma + 1;
    }
  }

  /** Parses a record containing quotes from `start`; null when it continues past the buffer. */
  private quotedRecord(start: number): string[] | null {
    const buffer = this.buffer;
    const length = buffer.length;
    const ended = this.ended;
    const cells: string[] = [];
    let newlines = 0;
    let i = start;
    for (;;) {
      let value: string;
      if (i < length && buffer.charCodeAt(i) === QUOTE) {
        value = '';
        let segment = i + 1;
        for (;;) {
          const close = buffer.indexOf('"', segment);
          if (close === -1) {
            if (!ended) return null;
            value += buffer.slice(segment);
            newlines += countNewlines(buffer, segment, length);
            i = length;
            break;
          }
          newlines += countNewlines(buffer, segment, close);
          if (close + 1 === length && !ended) return null; // `""` or a closing quote? Wait for more.
          if (buffer.charCodeAt(close + 1) === QUOTE) {
            value += buffer.slice(segment, close + 1);
            segment = close + 2;
            continue;
          }
          value += buffer.slice(segment, close);
          i = close + 1;
          break;
        }
      } else {
        value = '';
      }

      // Unquoted text, or whatever follows a closing quote, up to the delimiter.
      const stop = findDelimiter(buffer, i);
      if (stop === length && !ended) return null;
      const atLineEnd = stop === length || buffer.charCodeAt(stop) === LF;
      const end = atLineEnd && stop > i && buffer.charCodeAt(stop - 1) === CR ? stop - 1 : stop;
      if (end > i) value += buffer.slice(i, end);
      cells.push(value);
      if (!atLineEnd) {
        i = stop + 1;
        continue;
      }
      this.line = this.nextLine;
      this.nextLine += newlines + 1;
      this.position = stop + 1;
      return cells;
    }
  }
}
