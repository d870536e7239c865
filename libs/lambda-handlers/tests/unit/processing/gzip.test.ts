import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { InvalidCompressionError, PermanentError } from '../../../src/processing/errors.js';
import { processTransactionStream } from '../../../src/processing/process-transaction-stream.js';
import { csv, row, run } from './harness.js';

const GZIP_CSV = { kind: 'csv', gzip: true } as const;

describe('processTransactionStream (gzip)', () => {
  it('gunzips a CSV file while streaming it', async () => {
    const text = csv(...Array.from({ length: 2000 }, (_, i) => row({ id: `t${i}`, merchant: 'Café' })));
    const compressed = gzipSync(Buffer.from(text));
    const { result, valid } = await run(compressed, GZIP_CSV, { chunkSize: 512 });
    expect(valid).toHaveLength(2000);
    expect(result.bytesRead).toBe(compressed.length);
    expect(result.bytesDecoded).toBe(Buffer.byteLength(text));
  });

  it('reads concatenated gzip members as one file', async () => {
    const first = gzipSync(Buffer.from(csv(row({ id: 'a' }))));
    const second = gzipSync(Buffer.from(`${row({ id: 'b' })}\n`));
    const { valid } = await run(Buffer.concat([first, second]), GZIP_CSV);
    expect(valid.map((r) => r.transactionId)).toEqual(['a', 'b']);
  });

  it('rejects data that is not gzip as invalid_compression', async () => {
    const error = await run(Buffer.from(csv(row())), GZIP_CSV).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidCompressionError);
    expect(error).toBeInstanceOf(PermanentError);
    expect(error).toMatchObject({ reason: 'invalid_compression' });
  });

  it('rejects a truncated gzip file as invalid_compression', async () => {
    const compressed = gzipSync(Buffer.from(csv(...Array.from({ length: 500 }, (_, i) => row({ id: `t${i}` })))));
    await expect(run(compressed.subarray(0, compressed.length - 20), GZIP_CSV)).rejects.toMatchObject({
      reason: 'invalid_compression',
    });
  });

  it('passes a failing source through unchanged (it may be transient)', async () => {
    async function* failing(): AsyncGenerator<Uint8Array> {
      yield gzipSync(Buffer.from(csv(row())));
      throw new Error('socket hang up');
    }
    const error = await processTransactionStream(failing(), GZIP_CSV, { processed() {}, quarantined() {} }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
    expect(error).not.toBeInstanceOf(PermanentError);
    expect((error as Error).message).toBe('socket hang up');
  });
});
