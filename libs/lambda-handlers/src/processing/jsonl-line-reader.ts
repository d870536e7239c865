import { BufferedLines } from './buffered-lines.js';

/**
 * Splits a JSON Lines file's bytes into lines with their physical line numbers, each decoded from
 * UTF-8 (invalid bytes become U+FFFD). LF or CRLF; lines holding only spaces or tabs are blank and
 * skipped. A pull reader (push / next / end, as pumpRecords drives it): holds at most one partial line plus
 * the latest chunk.
 */
export class JsonlLineReader extends BufferedLines {
  /** Physical line (1-based) of the line last returned by {@link next}. */
  line = 0;

  /** The next non-blank line without its line break; undefined when more bytes are needed or done. */
  next(): string | undefined {
    for (;;) {
      const start = this.position;
      if (start >= this.buffer.length) return undefined;
      const lineEnd = this.lineEnd(start);
      if (lineEnd === -1) return undefined;
      const end = this.contentEnd(start, lineEnd);
      const line = this.nextLine++;
      this.position = lineEnd + 1;
      if (this.isBlank(start, end)) continue;
      this.line = line;
      return this.buffer.toString('utf8', start, end);
    }
  }
}
