import { describe, expect, it } from 'vitest';
import { idOfKey } from '../../../src/processing/fan-out/id-run.js';
import { mergeIdRuns } from '../../../src/processing/fan-out/merge-id-runs.js';
import { ShardIdCollector } from '../../../src/processing/fan-out/shard-id-collector.js';
import type { QuarantineEntry } from '../../../src/processing/types.js';

/** A shard's run from ids its rows remembered (as rejected rows whose id passed, so any string will do). */
function runOf(ids: readonly string[]): Buffer {
  const collector = new ShardIdCollector();
  for (const id of ids) collector.fromQuarantined({ line: 2, reason: 'invalid_account', transactionId: id, record: {} });
  return collector.run();
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

  it('an id off a processed line and the same id off a quarantine entry are the same id', () => {
    const fromLine = new ShardIdCollector();
    fromLine.fromProcessed(Buffer.from('{"transactionId":"t-1","accountId":"a"}\n{"transactionId":"q\\"2","accountId":"a"}\n{"transactionId":"é","accountId":"a"}\n'));
    expect(known([[fromLine.run()], [runOf(['é', 'q"2', 't-1', 't-2'])]])).toEqual([
      [1, 'q"2'],
      [1, 't-1'],
      [1, 'é'],
    ]);
  });

  it('rejects a run that is not sorted and unique, or that ends inside a record', () => {
    const run = runOf(['a', 'b']);
    const swapped = Buffer.concat([run.subarray(7), run.subarray(0, 7)]); // each record is 6 bytes of header and a 1-byte key
    expect(() => known([[swapped]])).toThrow('fan-out: the id run of shard 0 is not sorted and unique');
    expect(() => known([[run.subarray(0, 10)]])).toThrow('fan-out: the id run of shard 0 ends inside a record (truncated run)');
  });

  it('ignores the ids a row never remembered (malformed line, invalid id)', () => {
    const collector = new ShardIdCollector();
    const entries: QuarantineEntry[] = [
      { line: 2, reason: 'malformed_row', transactionId: 'm', record: {} },
      { line: 3, reason: 'invalid_id', transactionId: 'x'.repeat(65), record: {} },
      { line: 4, reason: 'duplicate_id', transactionId: 'd', record: {} },
    ];
    entries.forEach((entry) => collector.fromQuarantined(entry));
    expect(known([[runOf(['m', 'x'.repeat(65), 'd'])], [collector.run()]])).toEqual([[1, 'd']]);
  });
});
