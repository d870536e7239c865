import { describe, expect, it } from 'vitest';
import { shiftQuarantineLines } from '../../../src/processing/fan-out/shift-quarantine-lines.js';
import type { FileFormat } from '../../../src/processing/file-format.js';
import type { QuarantineEntry } from '../../../src/processing/types.js';
import { HEADER, row } from '../processing/harness.js';
import { singlePath } from './fan-out-harness.js';

const CSV: FileFormat = { kind: 'csv', gzip: false };

async function* inChunks(bytes: Buffer, size: number): AsyncGenerator<Uint8Array> {
  for (let at = 0; at < bytes.length; at += size) yield bytes.subarray(at, at + size);
}

async function shifted(bytes: Buffer, chunkSize: number, shift: number): Promise<string> {
  const out: Buffer[] = [];
  for await (const piece of shiftQuarantineLines(inChunks(bytes, chunkSize), shift, 'shard 3')) out.push(piece);
  return Buffer.concat(out).toString('utf8');
}

describe('shiftQuarantineLines', () => {
  it('gives what a JSON round trip with the shifted line gives, for any chunking', async () => {
    // Real entries from the processor: malformed lines whose raw text holds `{"line":7,` and quotes, a bad amount, a non-ASCII id.
    const csv = [HEADER, row({ id: 't1', amount: 'bad' }), '{"line":7,"x":"\\"}', row({ id: 'tü2', amount: '1.00' }), row({ id: 'tü2', amount: '2.00' }), 'a,"b'].join('\r\n');
    const { quarantine } = await singlePath(Buffer.from(`${csv}\n`), CSV);
    const entries = quarantine.split('\n').filter((line) => line.length > 0).map((line) => JSON.parse(line) as QuarantineEntry);
    expect(entries.length).toBeGreaterThanOrEqual(4);
    const written = Buffer.from(entries.map((entry) => `${JSON.stringify(entry)}\n`).join(''));
    const expected = entries.map((entry) => `${JSON.stringify({ ...entry, line: entry.line + 998 })}\n`).join('');
    for (const chunkSize of [1, 2, 7, 64, written.length]) expect(await shifted(written, chunkSize, 998)).toBe(expected);
  });

  it('keeps a last entry without a line feed', async () => {
    expect(await shifted(Buffer.from('{"line":9,"reason":"malformed_row","record":{}}'), 5, 1)).toBe('{"line":10,"reason":"malformed_row","record":{}}');
  });

  it('names the part and the entry when a line is not a quarantine entry', async () => {
    await expect(shifted(Buffer.from('{"line":2,"record":{}}\n{"reason":"x","line":3}\n'), 4, 1)).rejects.toThrow(
      'fan-out: quarantine part shard 3, entry 2: does not start with {"line":<number>',
    );
  });
});
