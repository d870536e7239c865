import { describe, expect, it } from 'vitest';
import { decodeIdRunLines, encodeIdRunLine } from '../../../src/processing/fan-out/id-run-lines.js';

function* inChunks(bytes: Buffer, size: number): Generator<Uint8Array> {
  for (let at = 0; at < bytes.length; at += size) yield bytes.subarray(at, at + size);
}

describe('id run lines', () => {
  const ids = ['t1', '"quoted', 'a\nb', 'back\\slash', 'ünï', '😀x', 'cr\r', 'x"y', '3f2b8c1e-0a4d-4e5f-9a6b-7c8d9e0f1a2b'];
  const written = Buffer.from(ids.map(encodeIdRunLine).join(''), 'utf8');

  it('gives back every id, whatever the chunking (multi-byte characters split across chunks included)', () => {
    for (const size of [1, 2, 3, 5, written.length]) expect([...decodeIdRunLines(inChunks(written, size))]).toEqual(ids);
  });

  it('writes a plain id as itself, and JSON only when it must', () => {
    expect(encodeIdRunLine('t1')).toBe('t1\n');
    expect(encodeIdRunLine('a\nb')).toBe('"a\\nb"\n');
    expect(encodeIdRunLine('"q')).toBe('"\\"q"\n');
  });

  it('refuses a truncated run', () => {
    expect(() => [...decodeIdRunLines([Buffer.from('t1\nt2')])]).toThrow('fan-out: an id run ends without a line feed (truncated run)');
  });
});
