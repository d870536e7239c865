import { pipeline } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { InvalidCompressionError } from './errors.js';
import { Utf8Guard } from './utf8-guard.js';

/** Anything that yields the file's bytes in order: an S3 body, a file stream, an async generator. */
export type ByteSource = AsyncIterable<Uint8Array> | NodeJS.ReadableStream;

/** Running byte counts, updated as chunks flow. */
export interface ByteCounters {
  bytesRead: number;
  bytesDecoded: number;
}

const GUNZIP_CHUNK_BYTES = 64 * 1024;
const UTF8_BOM = Buffer.from([0xef, 0xbb, 0xbf]);

/**
 * The source's chunks, counted, with the next one always requested before the current one is
 * handed on: the source reads (a file read or socket turn, ~80 µs per 64 KiB chunk on the dev VM)
 * while the chunk before is processed, instead of after it. At most one chunk is held ahead.
 */
async function* countBytes(source: ByteSource, counters: ByteCounters): AsyncGenerator<Uint8Array> {
  const chunks = (source as AsyncIterable<Uint8Array | string>)[Symbol.asyncIterator]();
  let finished = false;
  try {
    let next = chunks.next();
    for (;;) {
      const result = await next;
      if (result.done) {
        finished = true;
        return;
      }
      next = chunks.next();
      next.catch(() => undefined); // a failure surfaces at the await above, not as an unhandled rejection
      const bytes = typeof result.value === 'string' ? Buffer.from(result.value, 'utf8') : result.value;
      counters.bytesRead += bytes.byteLength;
      yield bytes;
    }
  } finally {
    // Stopped early (an error, or a consumer that quit): let the source release what it holds.
    if (!finished) await chunks.return?.();
  }
}

function isZlibError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && code.startsWith('Z_');
}

async function* gunzip(source: AsyncIterable<Uint8Array>): AsyncGenerator<Uint8Array> {
  // Errors reach the consumer through the iteration; the callback only has to exist.
  const inflated = pipeline(source, createGunzip({ chunkSize: GUNZIP_CHUNK_BYTES }), () => undefined);
  try {
    for await (const chunk of inflated as AsyncIterable<Buffer>) yield chunk;
  } catch (error) {
    throw isZlibError(error) ? new InvalidCompressionError(error) : error;
  }
}

/**
 * The file chunk by chunk, never whole, as Buffers over the decoded (gunzipped) bytes. Gunzips
 * when asked (concatenated gzip members read as one stream), drops a leading UTF-8 byte order
 * mark, and throws InvalidEncodingError as soon as the bytes are not UTF-8 text (Utf8Guard), so
 * no reader ever sees them.
 *
 * Why bytes and not text: every CSV and JSON delimiter is ASCII, and UTF-8 never uses ASCII bytes
 * inside a multi-byte character, so records and fields can be found, checked and copied in the
 * bytes directly. Decoding a chunk costs more than the rest of the work on most rows, and reading a
 * typed array is several times faster than reading a string char by char; readers decode only the
 * fields that need to become strings.
 */
export async function* fileBytes(source: ByteSource, gzip: boolean, counters: ByteCounters): AsyncGenerator<Buffer> {
  const guard = new Utf8Guard();
  for await (const bytes of unmarkedBytes(source, gzip, counters)) {
    guard.check(bytes);
    yield bytes;
  }
  guard.end();
}

/** The decoded bytes without a leading UTF-8 byte order mark. */
async function* unmarkedBytes(source: ByteSource, gzip: boolean, counters: ByteCounters): AsyncGenerator<Buffer> {
  const counted = countBytes(source, counters);
  const chunks = gzip ? gunzip(counted) : counted;
  let head: Buffer | undefined = Buffer.alloc(0); // the first bytes, until we know whether they are a BOM
  for await (const chunk of chunks) {
    counters.bytesDecoded += chunk.byteLength;
    const bytes = Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    if (head === undefined) {
      yield bytes;
      continue;
    }
    head = head.length === 0 ? bytes : Buffer.concat([head, bytes]);
    if (head.length < UTF8_BOM.length) continue;
    const first = head.subarray(0, UTF8_BOM.length).equals(UTF8_BOM) ? head.subarray(UTF8_BOM.length) : head;
    head = undefined;
    yield first;
  }
  if (head !== undefined && head.length > 0) yield head; // under 3 bytes: too short to be a BOM
}
