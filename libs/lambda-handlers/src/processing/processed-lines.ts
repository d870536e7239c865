import type { ProcessorCore } from './processor-core.js';
import type { NormalizedRecord } from './types.js';

/**
 * Where finished output goes: whole JSON lines, UTF-8. The bytes are lent: they are overwritten
 * once the call returns or, if it returns a promise, once that settles.
 */
export type LinesSink = (lines: Uint8Array) => void | Promise<void>;

/**
 * The normalized records as JSON Lines, handed to the sink in chunks of about the core's chunk
 * size (whole lines only, never a partial one).
 *
 * The lines are assembled in the processor core's output buffer: the CSV fast path writes there
 * itself (assembly/processed-lines.ts), and {@link writeRecord} appends the general path's records
 * to the same buffer, so lines keep the file's order. One buffer is reused for every chunk (the
 * caller awaits the sink before writing on). Every line is byte for byte what
 * `JSON.stringify(record)` gives, whichever way it was written.
 */
export class ProcessedLinesWriter {
  constructor(
    private readonly core: ProcessorCore,
    private readonly sink: LinesSink,
    private readonly chunkBytes: number,
  ) {}

  /** Appends one record's line, serialized by `JSON.stringify`; returns the sink's promise when a chunk is full. */
  writeRecord(record: NormalizedRecord): void | Promise<void> {
    const line = `${JSON.stringify(record)}\n`;
    const core = this.core.exports;
    core.reserveOutput(3 * line.length);
    const end = core.outputEnd.value as number + this.core.bytes.write(line, core.outputEnd.value as number, 'utf8');
    core.setOutputEnd(end);
    return end - (core.outputBase.value as number) >= this.chunkBytes ? this.flush() : undefined;
  }

  /**
   * Hands whatever is buffered to the sink. Nothing may be written until the returned promise (if
   * any) settles: the sink still reads the buffer.
   */
  flush(): void | Promise<void> {
    const lines = this.core.output();
    if (lines.length === 0) return undefined;
    this.core.exports.outputTaken();
    return this.sink(lines);
  }
}
