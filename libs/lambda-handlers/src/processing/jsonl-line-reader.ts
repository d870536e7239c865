import { CarryBuffer } from './carry-buffer.js';
import { RecordTooLargeError } from './errors.js';
import { CR, LF, SPACE, TAB } from './ascii.js';

const EMPTY = Buffer.alloc(0);

/**
 * Splits a JSON Lines file's bytes into lines with their physical line numbers, each decoded from
 * UTF-8 (invalid bytes become U+FFFD). LF or CRLF; lines holding only spaces or tabs are blank and
 * skipped. Same push / next / end protocol as CsvRecordReader: holds at most one partial line plus
 * the latest chunk.
 */
export class JsonlLineReader {
  private buffer: Buffer = EMPTY;
  private readonly carry = new CarryBuffer();
  private position = 0;
  private nextLine = 1;
  private ended = false;

  /** Physical line (1-based) of the line last returned by {@link next}. */
  line = 0;

  constructor(private readonly maxLineBytes: number) {}

  /** Appends a chunk of the file. */
  push(chunk: Uint8Array): void {
    this.buffer = this.carry.append(this.buffer, this.position, chunk);
    this.position = 0;
  }

  /** Marks the end of input: a final line without a newline is returned too. */
  end(): void {
    this.ended = true;
  }

  /** The next non-blank line without its line break; undefined when more bytes are needed or done. */
  next(): string | undefined {
    const buffer = this.buffer;
    for (;;) {
      const start = this.position;
      if (start >= buffer.length) return undefined;
      const newline = buffer.indexOf(LF, start);
      if (newline === -1 && !this.ended) {
        if (buffer.length - start > this.maxLineBytes) throw new RecordTooLargeError(this.nextLine, this.maxLineBytes);
        return undefined;
      }
      const lineEnd = newline === -1 ? buffer.length : newline;
      const end = lineEnd > start && buffer[lineEnd - 1] === CR ? lineEnd - 1 : lineEnd;
      const line = this.nextLine++;
      this.position = lineEnd + 1;
      let blank = true;
      for (let i = start; i < end && blank; i++) blank = buffer[i] === SPACE || buffer[i] === TAB;
      if (blank) continue;
      this.line = line;
      return buffer.toString('utf8', start, end);
    }
  }
}
