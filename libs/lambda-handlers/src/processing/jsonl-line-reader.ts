import { decodeUtf8, nonAsciiIndex } from './binary-text.js';
import { RecordTooLargeError } from './errors.js';

/**
 * Splits JSON Lines binary text (one char per byte, see `binaryText`) into lines with their
 * physical line numbers, each decoded from UTF-8. LF or CRLF; lines holding only spaces or tabs are
 * blank and skipped. Same push / next / end protocol as CsvRecordReader: holds at most one partial
 * line plus the latest chunk.
 */
export class JsonlLineReader {
  private buffer = '';
  private position = 0;
  private nextLine = 1;
  private ended = false;
  private nonAsciiAt = -2;

  /** Physical line (1-based) of the line last returned by {@link next}. */
  line = 0;

  constructor(private readonly maxLineBytes: number) {}

  /** Appends decoded text. */
  push(text: string): void {
    this.buffer = this.position < this.buffer.length ? this.buffer.slice(this.position) + text : text;
    this.position = 0;
    this.nonAsciiAt = -2;
  }

  /** Marks the end of input: a final line without a newline is returned too. */
  end(): void {
    this.ended = true;
  }

  /** The next non-blank line without its line break; undefined when more text is needed or done. */
  next(): string | undefined {
    for (;;) {
      const buffer = this.buffer;
      const start = this.position;
      if (start >= buffer.length) return undefined;
      const newline = buffer.indexOf('\n', start);
      if (newline === -1 && !this.ended) {
        if (buffer.length - start > this.maxLineBytes) throw new RecordTooLargeError(this.nextLine, this.maxLineBytes);
        return undefined;
      }
      const lineEnd = newline === -1 ? buffer.length : newline;
      const end = lineEnd > start && buffer.charCodeAt(lineEnd - 1) === 13 ? lineEnd - 1 : lineEnd;
      const line = this.nextLine++;
      this.position = lineEnd + 1;
      if (/^[ \t]*$/.test(buffer.slice(start, end))) continue;
      this.line = line;
      let nonAscii = this.nonAsciiAt;
      if (nonAscii === -2 || (nonAscii !== -1 && nonAscii < start)) {
        nonAscii = this.nonAsciiAt = nonAsciiIndex(buffer, start);
      }
      const text = buffer.slice(start, end);
      return nonAscii === -1 || nonAscii >= end ? text : decodeUtf8(text);
    }
  }
}
