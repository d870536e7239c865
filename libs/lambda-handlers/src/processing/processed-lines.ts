import { viewOf } from './byte-copy.js';
import type { NormalizedRecord } from './types.js';
import { LF } from './ascii.js';

/**
 * Where finished output goes: whole JSON lines, UTF-8. The bytes are lent: they are overwritten
 * once the call returns or, if it returns a promise, once that settles.
 */
export type LinesSink = (lines: Uint8Array) => void | Promise<void>;

/**
 * The normalized records as JSON Lines, assembled in a byte buffer and handed to the sink in chunks
 * of about `chunkBytes` (whole lines only, never a partial one).
 *
 * One buffer is reused for every chunk (the caller awaits the sink before writing on): the hot path
 * allocates almost nothing on the JS heap, so the GC runs rarely, and a fresh 64 KiB buffer per
 * chunk piled up outside the heap as ~20 MB of extra peak RSS before it was freed.
 *
 * Why bytes: `JSON.stringify` of a record plus its UTF-8 encoding cost more than everything else a
 * row needs; the CSV hot path instead copies its already-validated fields straight from the input
 * bytes. Every line is byte-for-byte what `JSON.stringify(record)` gives (same key order and
 * escaping), whichever way it was written.
 */
export class ProcessedLinesWriter {
  private buffer: Buffer;
  private view: DataView;
  private used = 0;

  constructor(
    private readonly sink: LinesSink,
    private readonly chunkBytes: number,
  ) {
    // Room for a chunk plus one typical line, so most chunks need no growing.
    this.buffer = Buffer.allocUnsafe(chunkBytes + 4096);
    this.view = viewOf(this.buffer);
  }

  /** Appends one record, serialized by `JSON.stringify`; {@link endLine} ends it. */
  writeRecord(record: NormalizedRecord): void {
    const line = JSON.stringify(record);
    this.reserve(3 * line.length + 1);
    this.used += this.buffer.write(line, this.used, 'utf8');
  }

  /** Makes room for `bytes` more bytes. */
  private reserve(bytes: number): void {
    if (this.used + bytes <= this.buffer.length) return;
    const grown = Buffer.allocUnsafe(Math.max(2 * this.buffer.length, this.used + bytes));
    this.buffer.copy(grown, 0, 0, this.used);
    this.buffer = grown;
    this.view = viewOf(grown);
  }

  /** Bytes written so far to the line being assembled and those before it in this chunk. */
  get position(): number {
    return this.used;
  }

  /**
   * For writers that fill the buffer themselves: makes room for `bytes` more bytes and returns a
   * view of the buffer to write into from {@link position}; {@link advance} then moves past what
   * they wrote.
   */
  room(bytes: number): DataView {
    this.reserve(bytes);
    return this.view;
  }

  /** Moves {@link position} to `position`, past bytes written directly into {@link room}'s buffer. */
  advance(position: number): void {
    this.used = position;
  }

  /** Appends any string as a JSON string literal, UTF-8. Needs room for `6 × length + 2` bytes. */
  writeJsonString(value: string): void {
    this.used += this.buffer.write(JSON.stringify(value), this.used, 'utf8');
  }

  /** Ends a line (the caller reserved a byte for it); hands the buffer to the sink once it holds at least `chunkBytes`. */
  endLine(): void | Promise<void> {
    this.buffer[this.used++] = LF;
    return this.used >= this.chunkBytes ? this.flush() : undefined;
  }

  /**
   * Hands whatever is buffered to the sink. Nothing may be written until the returned promise (if
   * any) settles: the sink still reads the buffer.
   */
  flush(): void | Promise<void> {
    if (this.used === 0) return undefined;
    const lines = this.buffer.subarray(0, this.used);
    this.used = 0;
    return this.sink(lines);
  }
}
