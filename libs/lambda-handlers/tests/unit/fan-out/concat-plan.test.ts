import { describe, expect, it } from 'vitest';
import { concatPlan, type ConcatPart, type SourceRange } from '../../../src/pipeline/fan-out/concat-plan.js';

const MiB = 1024 * 1024;
const LIMITS = { minPartBytes: 5 * MiB, maxPartBytes: 12 * MiB, maxParts: 10_000 } as const;

const rangesOf = (part: ConcatPart): readonly SourceRange[] => ('copy' in part ? [part.copy] : part.upload);
const bytesOf = (part: ConcatPart) => rangesOf(part).reduce((sum, range) => sum + range.end - range.start, 0);

/** The plan, checked against S3's rules and against the sources it must reproduce in order. */
function checkedPlan(sizes: number[]): ConcatPart[] {
  const parts = concatPlan(sizes, LIMITS);
  const ranges = parts.flatMap(rangesOf);
  // Contiguous: every source byte once, in order.
  let source = 0;
  let at = 0;
  for (const range of ranges) {
    while (at === sizes[source]) [source, at] = [source + 1, 0];
    expect(range).toMatchObject({ source, start: at });
    expect(range.end).toBeGreaterThan(range.start);
    at = range.end;
  }
  expect(ranges.reduce((sum, range) => sum + range.end - range.start, 0)).toBe(sizes.reduce((a, b) => a + b, 0));
  parts.forEach((part, index) => {
    if (index < parts.length - 1) expect(bytesOf(part)).toBeGreaterThanOrEqual(LIMITS.minPartBytes);
    expect(bytesOf(part)).toBeLessThanOrEqual('copy' in part ? LIMITS.maxPartBytes : LIMITS.minPartBytes);
  });
  return parts;
}

describe('concatPlan (multipart upload copy of shard parts)', () => {
  it('copies parts of 5 MiB and more server-side, one part each', () => {
    expect(checkedPlan([6 * MiB, 5 * MiB, 7 * MiB]).map((part) => 'copy' in part)).toEqual([true, true, true]);
  });

  it('gathers small parts into uploaded 5 MiB parts, with the head of the next large part', () => {
    const parts = checkedPlan([2 * MiB, 1 * MiB, 9 * MiB]);
    expect(parts).toEqual([
      { upload: [{ source: 0, start: 0, end: 2 * MiB }, { source: 1, start: 0, end: MiB }, { source: 2, start: 0, end: 2 * MiB }] },
      { copy: { source: 2, start: 2 * MiB, end: 9 * MiB } },
    ]);
  });

  it('reads the tail of a large part when what is left after the head is too small to copy', () => {
    const parts = checkedPlan([4 * MiB, 5.5 * MiB, 3 * MiB]);
    expect(parts.every((part) => 'upload' in part)).toBe(true);
  });

  it('splits a part above the copy limit and lets only the last part be small', () => {
    const parts = checkedPlan([30 * MiB + 7, 100, 0, 3]);
    expect(parts.filter((part) => 'copy' in part)).toHaveLength(3);
    expect(bytesOf(parts.at(-1)!)).toBeLessThan(LIMITS.minPartBytes);
  });

  it('holds to the rules for many mixes of sizes, including empty parts and a tiny total', () => {
    let seed = 7;
    const next = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
    for (let trial = 0; trial < 300; trial++) {
      checkedPlan(Array.from({ length: 1 + Math.floor(next() * 12) }, () => Math.floor(next() * next() * 20 * MiB)));
    }
    expect(concatPlan([0, 0], LIMITS)).toEqual([]);
    expect(checkedPlan([10])).toEqual([{ upload: [{ source: 0, start: 0, end: 10 }] }]);
  });

  it('refuses a join that would need more parts than S3 allows', () => {
    expect(() => concatPlan(Array(11).fill(LIMITS.minPartBytes), { ...LIMITS, maxParts: 10 })).toThrow(/needs 11 parts, above S3's 10/);
  });
});
