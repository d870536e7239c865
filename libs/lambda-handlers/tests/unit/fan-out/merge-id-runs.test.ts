import { describe, expect, it } from 'vitest';
import { HASH_SLICES, hashSliceStarts, idOfKey } from '../../../src/processing/fan-out/id-run.js';
import { mergeIdRuns } from '../../../src/processing/fan-out/merge-id-runs.js';
import { idRunOfIndex } from '../../../src/processing/fan-out/index-id-run.js';
import { knownIdsOf } from '../../../src/processing/fan-out/shard-facts.js';
import { TransactionIdIndex } from '../../../src/processing/transaction-id-index.js';

/** A shard's run from the ids its rows remembered, through a real id index (64 KiB: small enough to spill). */
function runOf(ids: readonly string[], memoryBudgetBytes = 1 << 20, spills = 0): Buffer {
  const index = new TransactionIdIndex({ memoryBudgetBytes });
  try {
    for (const id of ids) index.addIfAbsent(id);
    expect(index.spillCount > 0).toBe(spills > 0);
    return idRunOfIndex(index);
  } finally {
    index.close();
  }
}

function* inChunks(bytes: Buffer, size: number): Generator<Uint8Array> {
  for (let at = 0; at < bytes.length; at += size) yield Buffer.from(bytes.subarray(at, at + size));
}

function known(runs: readonly Iterable<Uint8Array>[]): [number, string][] {
  const found: [number, string][] = [];
  mergeIdRuns(runs, (shard, key) => void found.push([shard, idOfKey(key)]));
  return found.sort((a, b) => a[0] - b[0] || (a[1] < b[1] ? -1 : 1));
}

describe('mergeIdRuns over binary id runs', () => {
  it('hands each id to every shard after the first that holds it', () => {
    const runs = [runOf(['a', 'c', 'a']), runOf(['b', 'c', 'd']), runOf([]), runOf(['d', 'a', 'c'])];
    expect(known(runs.map((run) => [run]))).toEqual([
      [1, 'c'],
      [3, 'a'],
      [3, 'c'],
      [3, 'd'],
    ]);
  });

  it('reads runs in chunks of any size, and keeps apart ids that differ only past ASCII (lone surrogates included)', () => {
    const ids = ['ünï', '😀x', '\uD800', '\uDC00', '\uFFFD', 'x"y', 'a\nb', '3f2b8c1e-0a4d-4e5f-9a6b-7c8d9e0f1a2b'];
    const first = runOf(ids);
    const second = runOf([...ids.slice(0, 3), 'other']);
    for (const size of [1, 2, 7, 1 << 20]) {
      expect(known([inChunks(first, size), inChunks(second, size)])).toEqual([
        [1, 'ünï'],
        [1, '\uD800'],
        [1, '😀x'],
      ]);
    }
  });

  it('takes every id the index holds, in memory and spilled to disk', () => {
    const many = Array.from({ length: 20_000 }, (_, i) => `id-${i}`);
    const spilled = runOf(many, 64 * 1024, 1);
    const inMemory = runOf(many);
    expect(spilled.equals(inMemory)).toBe(true);
    const later = runOf(['id-7', 'id-19999', 'new']);
    expect(known([[spilled], [later]])).toEqual([
      [1, 'id-19999'],
      [1, 'id-7'],
    ]);
  });

  it('orders ids that share a 32-bit hash by their bytes, so the merge still finds them', () => {
    // Pairs found by search to share the run's hash, each given in the order opposite to its bytes'.
    const collided = ['c-640824', 'c-25868', 'c-640825', 'c-25869', 'c-640828', 'c-25864'];
    const filler = Array.from({ length: 5_000 }, (_, i) => `f-${i}`);
    const run = runOf([...filler, ...collided]);
    const records: { hash: number; id: string }[] = [];
    for (let at = 0; at < run.length; at += 6 + run.readUInt16BE(at + 4)) records.push({ hash: run.readUInt32BE(at), id: idOfKey(run.subarray(at + 6, at + 6 + run.readUInt16BE(at + 4))) });
    expect(records).toHaveLength(filler.length + collided.length);
    const pairs = records.flatMap((record, i) => (i > 0 && record.hash === records[i - 1]!.hash ? [[records[i - 1]!.id, record.id]] : []));
    expect(pairs.sort()).toEqual([
      ['c-25864', 'c-640828'],
      ['c-25868', 'c-640824'],
      ['c-25869', 'c-640825'],
    ]);
    expect(known([[run], [runOf(['c-25868', 'c-640825', 'new'])]])).toEqual([
      [1, 'c-25868'],
      [1, 'c-640825'],
    ]);
  });

  it('rejects a run that is not sorted and unique, or that ends inside a record', () => {
    const run = runOf(['a', 'b']);
    const swapped = Buffer.concat([run.subarray(8), run.subarray(0, 8)]); // each record is 6 bytes of header and a 2-byte entry
    expect(() => known([[swapped]])).toThrow('fan-out: the id run of shard 0 is not sorted and unique');
    expect(() => known([[run.subarray(0, 11)]])).toThrow('fan-out: the id run of shard 0 ends inside a record (truncated run)');
  });

  it('splits into hash ranges that together find exactly what the whole merge finds, shard by shard in run order', () => {
    // Six shards drawing from one pool of ids, so most ids recur in several shards.
    const shards = Array.from({ length: 6 }, (_, shard) => Array.from({ length: 4_000 }, (_, i) => `id-${(i * 7 + shard * 1_301) % 9_000}`));
    const runs = shards.map((ids) => runOf(ids));
    const whole = knownIdsOf(runs.map((run) => [run]));
    expect(whole.flat().length).toBeGreaterThan(10_000);
    const starts = runs.map(hashSliceStarts);
    for (const hands of [2, 3, 7, HASH_SLICES]) {
      const edges = Array.from({ length: hands + 1 }, (_, hand) => Math.round((hand * HASH_SLICES) / hands));
      const ranges = edges.slice(1).map((to, hand) => knownIdsOf(runs.map((run, shard) => [run.subarray(starts[shard]![edges[hand]!], starts[shard]![to])])));
      expect(runs.map((_, shard) => ranges.flatMap((range) => range[shard]!))).toEqual(whole);
    }
  });

  it('finds a run\'s hash slices on record boundaries, empty slices included, and refuses a truncated run', () => {
    const run = runOf(['a', 'b', 'c']);
    const starts = hashSliceStarts(run);
    expect(starts).toHaveLength(HASH_SLICES + 1);
    expect(starts[0]).toBe(0);
    expect(starts[HASH_SLICES]).toBe(run.length);
    const tops = [0, 8, 16].map((at) => run[at]!); // three records of 6 header bytes and a 2-byte entry
    for (let slice = 0; slice < HASH_SLICES; slice++) expect(starts[slice]).toBe(8 * tops.filter((top) => top < slice).length);
    expect(hashSliceStarts(Buffer.alloc(0))).toEqual(Array.from({ length: HASH_SLICES + 1 }, () => 0));
    expect(() => hashSliceStarts(run.subarray(0, 11))).toThrow('fan-out: an id run ends inside a record header (truncated run)');
    expect(() => hashSliceStarts(run.subarray(0, 15))).toThrow('fan-out: an id run ends inside a record (truncated run)');
  });
});
