import { describe, expect, it } from 'vitest';
import { planShards } from '../../../src/processing/fan-out/shard-plan.js';
import { memoryReader } from './fan-out-harness.js';

function lines(count: number, newline: (i: number) => string): Buffer {
  let text = 'transaction_id,account_id\n';
  for (let i = 0; i < count; i++) text += `id-${i},${'x'.repeat(i % 17)}${newline(i)}`;
  return Buffer.from(text);
}

const ENDINGS: Record<string, (i: number) => string> = {
  LF: () => '\n',
  CRLF: () => '\r\n',
  mixed: (i) => (i % 2 === 0 ? '\r\n' : '\n'),
  'lone CR inside lines': (i) => (i % 3 === 0 ? '\r\r\n' : '\n'),
};

describe('planShards', () => {
  for (const [name, newline] of Object.entries(ENDINGS)) {
    it(`cuts only just after a line feed (${name}) and covers the file once`, async () => {
      const bytes = lines(400, newline);
      for (const shardBytes of [1, 37, 256, 4000]) {
        const plan = await planShards(memoryReader(bytes), { size: bytes.length, shardBytes, kind: 'csv' });
        expect(plan.ranges[0]!.start).toBe(0);
        expect(plan.ranges.at(-1)!.end).toBe(bytes.length);
        for (const [i, range] of plan.ranges.entries()) {
          expect(range.end).toBeGreaterThan(range.start);
          if (i > 0) expect(range.start).toBe(plan.ranges[i - 1]!.end);
          if (range.end < bytes.length) expect(bytes[range.end - 1]).toBe(0x0a);
          // about shardBytes: no cut later than the first line feed at or after the nominal cut
          if (i > 0 && range.end < bytes.length) expect(bytes.subarray(range.start + shardBytes - 1, range.end - 1).includes(0x0a)).toBe(false);
        }
      }
    });
  }

  it('keeps the CSV header (after a BOM and blank lines) out of every cut', async () => {
    const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('\n \r\nid,account\r\na,b\r\nc,d\r\n')]);
    const plan = await planShards(memoryReader(bytes), { size: bytes.length, shardBytes: 1, kind: 'csv' });
    expect(bytes.subarray(0, plan.prefixEnd).toString('utf8')).toBe('\uFEFF\n \r\nid,account\r\n');
    expect(plan.ranges.map((range) => bytes.subarray(range.start, range.end).toString())).toEqual(['\uFEFF\n \r\nid,account\r\n', 'a,b\r\n', 'c,d\r\n']);
  });

  it('reads a window around each cut, not the file', async () => {
    const bytes = lines(200_000, () => '\n');
    const reader = memoryReader(bytes);
    const plan = await planShards(reader, { size: bytes.length, shardBytes: 512 * 1024, kind: 'jsonl' });
    expect(plan.ranges.length).toBeGreaterThan(4);
    expect(reader.reads).toBe(plan.ranges.length - 1);
    expect(reader.bytesRead).toBeLessThan(bytes.length / 2);
  });

  it('stops searching for a cut past a line longer than the record limit (the file is rejected anyway)', async () => {
    const bytes = Buffer.from(`h\n${'x'.repeat(300_000)}\nshort\n`);
    const reader = memoryReader(bytes);
    const plan = await planShards(reader, { size: bytes.length, shardBytes: 10, kind: 'csv', maxRecordBytes: 1000 });
    expect(plan.ranges.map((range) => [range.start, range.end])).toEqual([[0, bytes.length]]);
    expect(reader.bytesRead).toBeLessThan(200_000); // the header's window and one window after the cut
  });
});
