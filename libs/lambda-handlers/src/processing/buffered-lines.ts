import { CR, LF, SPACE, TAB } from './ascii.js';
import { CarryBuffer } from './carry-buffer.js';
import { RecordTooLargeError } from './errors.js';

const EMPTY = Buffer.alloc(0);

/**
 * What the CSV and JSON Lines readers share: the bytes not yet read (the tail of earlier chunks
 * plus the latest chunk), the physical line count, and the guard that stops a record that never
 * ends from growing without bound. Subclasses consume from {@link position} and move it on.
 */
export abstract class BufferedLines {
  protected buffer: Buffer = EMPTY;
  protected position = 0;
  /** Physical line (1-based) at {@link position}. */
  protected nextLine = 1;
  protected ended = false;
  private readonly carry = new CarryBuffer();

  constructor(private readonly maxRecordBytes: number) {}

  /** Appends a chunk of the file. */
  push(chunk: Uint8Array): void {
    this.buffer = this.carry.append(this.buffer, this.position, chunk);
    this.position = 0;
    this.rebased();
  }

  /** Marks the end of input: a final line without a line break still counts. */
  end(): void {
    this.ended = true;
  }

  /** Called after {@link push} replaced the buffer, for state that indexes into it. */
  protected rebased(): void {}

  /**
   * Where the line starting at `start` ends: its LF, the buffer's end once input has ended, or -1
   * when more bytes are needed (checked against the record size limit).
   */
  protected lineEnd(start: number): number {
    const newline = this.buffer.indexOf(LF, start);
    if (newline !== -1) return newline;
    if (this.ended) return this.buffer.length;
    this.needMore(start);
    return -1;
  }

  /** @throws RecordTooLargeError when the record from `start` has outgrown the limit. */
  protected needMore(start: number): undefined {
    if (this.buffer.length - start > this.maxRecordBytes) throw new RecordTooLargeError(this.nextLine, this.maxRecordBytes);
    return undefined;
  }

  /** `lineEnd` without a CR that precedes it. */
  protected contentEnd(start: number, lineEnd: number): number {
    return lineEnd > start && this.buffer[lineEnd - 1] === CR ? lineEnd - 1 : lineEnd;
  }

  /** Whether `[start, end)` of the buffer holds only spaces and tabs (or nothing). */
  protected isBlank(start: number, end: number): boolean {
    const buffer = this.buffer;
    for (let i = start; i < end; i++) if (buffer[i] !== SPACE && buffer[i] !== TAB) return false;
    return true;
  }
}
