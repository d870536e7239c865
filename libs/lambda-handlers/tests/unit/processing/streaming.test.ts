import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { processTransactionStream } from '../../../src/processing/process-transaction-stream.js';
import { type FileFormat } from '../../../src/processing/file-format.js';
import { HEADER, row } from './harness.js';

const ROWS = 200_000;
const ROWS_PER_CHUNK = 1_000;

/** A 200k-row CSV produced lazily, one chunk of rows per pull, recording how far it has got. */
function lazySource(): { source: AsyncGenerator<Uint8Array>; progress: { rowsProduced: number; exhausted: boolean } } {
  const progress = { rowsProduced: 0, exhausted: false };
  async function* source(): AsyncGenerator<Uint8Array> {
    yield Buffer.from(`${HEADER}\n`);
    for (let start = 0; start < ROWS; start += ROWS_PER_CHUNK) {
      const lines: string[] = [];
      for (let i = start; i < start + ROWS_PER_CHUNK; i++) lines.push(row({ id: `t${i}`, status: i % 100 === 0 ? 'x' : 'settled' }));
      progress.rowsProduced += ROWS_PER_CHUNK;
      yield Buffer.from(`${lines.join('\n')}\n`);
    }
    progress.exhausted = true;
  }
  return { source: source(), progress };
}

/** Rows in a chunk of processed JSON lines. */
function lineCount(lines: Uint8Array): number {
  let count = 0;
  for (const byte of lines) if (byte === 10) count++;
  return count;
}

/** One processed line per sink call, so these tests can follow the reader row by row. */
const ROW_BY_ROW = { processedChunkBytes: 1 };

/** Reads a plain CSV source handing every row, valid or not, to `sink` as soon as it is parsed. */
function processRowByRow(source: AsyncGenerator<Uint8Array>, sink: () => void | Promise<void>) {
  return processTransactionStream(source, { kind: 'csv', gzip: false }, { processed: sink, quarantined: sink }, ROW_BY_ROW);
}

describe('processTransactionStream streaming', () => {
  it('hands rows to the sinks long before the source is exhausted, never running far ahead', async () => {
    const { source, progress } = lazySource();
    let seen = 0;
    let exhaustedAtFirstRow: boolean | undefined;
    let maxLead = 0;
    const observe = (): void => {
      seen++;
      exhaustedAtFirstRow ??= progress.exhausted;
      maxLead = Math.max(maxLead, progress.rowsProduced - seen);
    };
    const result = await processRowByRow(source, observe);

    expect(exhaustedAtFirstRow).toBe(false);
    // The reader holds at most the chunk it is working on, the next one (requested ahead so the
    // source reads while this one is processed) and a partial row.
    expect(maxLead).toBeLessThanOrEqual(2 * ROWS_PER_CHUNK);
    expect(result.records).toEqual({ total: ROWS, valid: ROWS - ROWS / 100, quarantined: ROWS / 100 });
  });

  it('awaits a slow sink before reading further', async () => {
    const { source, progress } = lazySource();
    let seen = 0;
    let maxLead = 0;
    const slow = async (): Promise<void> => {
      seen++;
      const producedBefore = progress.rowsProduced;
      if (seen % 5_000 === 0) await new Promise((resolve) => setTimeout(resolve, 1));
      else await Promise.resolve();
      // Nothing was pulled from the source while this row's promise was pending.
      expect(progress.rowsProduced).toBe(producedBefore);
      maxLead = Math.max(maxLead, progress.rowsProduced - seen);
    };
    const result = await processRowByRow(source, slow);
    expect(result.records.total).toBe(ROWS);
    expect(maxLead).toBeLessThanOrEqual(2 * ROWS_PER_CHUNK); // as above: one chunk read ahead
  });

  it('stops at the first failing sink and passes its error through unchanged', async () => {
    const { source, progress } = lazySource();
    const failure = new Error('write failed');
    let calls = 0;
    const error = await processTransactionStream(
      source,
      { kind: 'csv', gzip: false },
      {
        processed: async () => {
          if (++calls === 10) throw failure;
        },
        quarantined: () => undefined,
      },
      ROW_BY_ROW,
    ).catch((e: unknown) => e);
    expect(error).toBe(failure);
    expect(calls).toBe(10);
    expect(progress.exhausted).toBe(false);
  });

  it('passes a source error through unchanged, though the failing chunk was requested ahead', async () => {
    const failure = new Error('connection reset');
    async function* source(): AsyncGenerator<Uint8Array> {
      yield Buffer.from(`${HEADER}\n${row({ id: 'a' })}\n`);
      throw failure;
    }
    const processed: string[] = [];
    const error = await processTransactionStream(
      source(),
      { kind: 'csv', gzip: false },
      { processed: (lines) => void processed.push(Buffer.from(lines).toString()), quarantined: () => undefined },
      ROW_BY_ROW,
    ).catch((e: unknown) => e);
    expect(error).toBe(failure);
    expect(processed).toHaveLength(1);
  });

  it('closes the source when processing stops early', async () => {
    let closed = false;
    async function* source(): AsyncGenerator<Uint8Array> {
      try {
        yield Buffer.from('no,required,columns\n');
        for (;;) yield Buffer.from('1,2,3\n');
      } finally {
        closed = true;
      }
    }
    const error = await processTransactionStream(source(), { kind: 'csv', gzip: false }, { processed: () => undefined, quarantined: () => undefined }).catch(
      (e: unknown) => e,
    );
    expect((error as Error).name).toBe('MissingColumnError');
    expect(closed).toBe(true);
  });

  it('streams gzip input too, pulling compressed chunks only as rows are consumed', async () => {
    const lines = [HEADER, ...Array.from({ length: ROWS }, (_, i) => row({ id: `t${i}` }))];
    const compressed = gzipSync(Buffer.from(`${lines.join('\n')}\n`));
    let pulled = 0;
    let exhausted = false;
    async function* source(): AsyncGenerator<Uint8Array> {
      for (let offset = 0; offset < compressed.length; offset += 16 * 1024) {
        pulled += 1;
        yield compressed.subarray(offset, offset + 16 * 1024);
      }
      exhausted = true;
    }
    let pulledAtFirstRow = -1;
    let exhaustedAtFirstRow: boolean | undefined;
    const format: FileFormat = { kind: 'csv', gzip: true };
    const result = await processTransactionStream(source(), format, {
      processed: () => {
        if (pulledAtFirstRow === -1) pulledAtFirstRow = pulled;
        exhaustedAtFirstRow ??= exhausted;
      },
      quarantined: () => undefined,
    });
    expect(result.records.valid).toBe(ROWS);
    expect(exhaustedAtFirstRow).toBe(false);
    expect(pulledAtFirstRow).toBeLessThan(Math.ceil(compressed.length / (16 * 1024)) / 2);
  });

  it('hands processed lines over in whole-line chunks of about processedChunkBytes', async () => {
    const { source } = lazySource();
    const sizes: number[] = [];
    let rows = 0;
    const result = await processTransactionStream(
      source,
      { kind: 'csv', gzip: false },
      {
        processed: (lines) => {
          expect(lines[lines.length - 1]).toBe(10);
          sizes.push(lines.length);
          rows += lineCount(lines);
        },
        quarantined: () => undefined,
      },
      { processedChunkBytes: 16 * 1024 },
    );
    expect(rows).toBe(result.records.valid);
    // Every chunk but the last reaches the threshold and overshoots it by less than one line.
    for (const size of sizes.slice(0, -1)) {
      expect(size).toBeGreaterThanOrEqual(16 * 1024);
      expect(size).toBeLessThan(16 * 1024 + 200);
    }
    expect(sizes.at(-1)).toBeLessThanOrEqual(16 * 1024 + 200);
  });
});
