import { pipeline } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { InvalidCompressionError } from './errors.js';

/** Anything that yields the file's bytes in order: an S3 body, a file stream, an async generator. */
export type ByteSource = AsyncIterable<Uint8Array> | NodeJS.ReadableStream;

/** Running byte counts, updated as chunks flow. */
export interface ByteCounters {
  bytesRead: number;
  bytesDecoded: number;
}

const GUNZIP_CHUNK_BYTES = 64 * 1024;
const UTF8_BOM = '\u00ef\u00bb\u00bf';

async function* countBytes(source: ByteSource, counters: ByteCounters): AsyncGenerator<Uint8Array> {
  for await (const chunk of source as AsyncIterable<Uint8Array | string>) {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk;
    counters.bytesRead += bytes.byteLength;
    yield bytes;
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
 * The file chunk by chunk, never whole, as "binary" strings: one character per byte (latin1).
 * Gunzips when asked (concatenated gzip members read as one stream) and drops a leading UTF-8 byte
 * order mark.
 *
 * Why not decode UTF-8 here: every CSV and JSON delimiter is ASCII, and UTF-8 never uses ASCII
 * bytes inside a multi-byte character, so records can be found in the bytes directly. Decoding
 * whole chunks is ~10× slower than this copy (StringDecoder ~700 MB/s on the dev VM), and one
 * accented merchant name turns a whole chunk into a two-byte string that every later string
 * operation pays for; readers instead decode just the records that hold a byte ≥ 0x80, with
 * {@link decodeUtf8} (invalid UTF-8 becomes U+FFFD there, as it would in any decoder).
 */
export async function* binaryText(source: ByteSource, gzip: boolean, counters: ByteCounters): AsyncGenerator<string> {
  const counted = countBytes(source, counters);
  const bytes = gzip ? gunzip(counted) : counted;
  let head = ''; // the first bytes, until we know whether they are a BOM
  let started = false;
  for await (const chunk of bytes) {
    counters.bytesDecoded += chunk.byteLength;
    const text = Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength).toString('latin1');
    if (started) {
      yield text;
      continue;
    }
    head += text;
    if (head.length < UTF8_BOM.length) continue;
    started = true;
    yield head.startsWith(UTF8_BOM) ? head.slice(UTF8_BOM.length) : head;
  }
  if (!started && head.length > 0) yield head; // under 3 bytes: too short to be a BOM
}

const NON_ASCII = /[\u0080-\u00ff]/g;

/** Index of the first byte ≥ 0x80 in binary text at or after `from`, or -1. */
export function nonAsciiIndex(text: string, from: number): number {
  NON_ASCII.lastIndex = from;
  return NON_ASCII.exec(text)?.index ?? -1;
}

/** Binary text (one char per byte) → the string its UTF-8 encodes; invalid bytes become U+FFFD. */
export function decodeUtf8(binary: string): string {
  return Buffer.from(binary, 'latin1').toString('utf8');
}

/** Decodes `binary` only if it holds a byte ≥ 0x80 (ASCII is already its own UTF-8). */
export function decodeIfNeeded(binary: string): string {
  return nonAsciiIndex(binary, 0) === -1 ? binary : decodeUtf8(binary);
}
