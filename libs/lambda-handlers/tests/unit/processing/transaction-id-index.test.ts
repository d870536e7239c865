import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { TransactionIdIndex } from '../../../src/processing/transaction-id-index.js';
import { CoreBloomFilter } from '../../../src/processing/core-bloom-filter.js';
import { csv, row, run } from './harness.js';

/** Deterministic ids: mostly ASCII, some Latin-1, some wider and astral, ~15 % repeats of older ids. */
function ids(count: number, seed = 7): string[] {
  let state = seed;
  const next = (): number => {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    return state / 2 ** 32;
  };
  const alphabet = ['a', 'b', 'Z', '9', '-', 'é', 'ß', 'Ω', '中', '😀'];
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    if (i > 0 && next() < 0.15) {
      out.push(out[Math.floor(next() * i)]!);
      continue;
    }
    let id = '';
    const length = 1 + Math.floor(next() * 20);
    for (let c = 0; c < length; c++) id += alphabet[Math.floor(next() * (next() < 0.8 ? 5 : alphabet.length))];
    out.push(`${id}#${i % 97}`);
  }
  return out;
}

describe('TransactionIdIndex', () => {
  const directories: string[] = [];
  const spillDirectory = (): string => {
    const directory = mkdtempSync(join(tmpdir(), 'id-index-test-'));
    directories.push(directory);
    return directory;
  };
  afterEach(() => {
    for (const directory of directories.splice(0)) rmSync(directory, { recursive: true, force: true });
  });

  it('answers exactly like a Set while everything fits in memory', () => {
    const index = new TransactionIdIndex();
    const seen = new Set<string>();
    for (const id of ids(20_000)) {
      const isNew = !seen.has(id);
      seen.add(id);
      expect(index.addIfAbsent(id)).toBe(isNew);
    }
    expect(index.size).toBe(seen.size);
    expect(index.spillCount).toBe(0);
    index.close();
  });

  it('answers exactly like a Set after spilling ids to disk many times', () => {
    const directory = spillDirectory();
    const index = new TransactionIdIndex({ memoryBudgetBytes: 256 * 1024, spillDirectory: directory });
    const seen = new Set<string>();
    const all = ids(60_000, 11);
    // Re-offer every id at the end: all of them must now be repeats, wherever they live.
    for (const id of [...all, ...all.slice(0, 5000)]) {
      const isNew = !seen.has(id);
      seen.add(id);
      expect(index.addIfAbsent(id)).toBe(isNew);
    }
    expect(index.spillCount).toBeGreaterThan(5);
    expect(index.size).toBe(seen.size);
    expect(readdirSync(directory)).toHaveLength(1);
    // Runs are merged as they pile up: about log2(spills) files, not one per spill.
    const runFiles = readdirSync(join(directory, readdirSync(directory)[0]!));
    expect(runFiles.length).toBeLessThanOrEqual(Math.ceil(Math.log2(index.spillCount)) + 1);
    index.close();
    expect(readdirSync(directory)).toEqual([]);
  });

  it('stops growing the Bloom filter at half its budget however many ids spill, and stays exact', () => {
    const budget = 256 * 1024;
    const index = new TransactionIdIndex({ memoryBudgetBytes: budget, spillDirectory: spillDirectory() });
    // The cap (14 bits per id) holds ~75 k ids; go to twice that. Uncapped, the filter doubled
    // with the ids: ~0.5 MB here, ~130 MB for a 4 GiB file.
    for (let i = 0; i < 150_000; i++) expect(index.addIfAbsent(`id-${i}`)).toBe(true);
    expect(index.spilledMemoryBytes).toBeLessThanOrEqual(budget / 2 + 16 * 1024); // + the runs' block indexes
    for (const i of [0, 1, 74_999, 75_000, 149_999]) expect(index.addIfAbsent(`id-${i}`)).toBe(false);
    expect(index.addIfAbsent('id-150000')).toBe(true);
    index.close();
  });

  it('puts every bigger filter in the bytes the first one reserved (WebAssembly memory never shrinks)', () => {
    const index = new TransactionIdIndex();
    const memory = (): number => index.core.exports.memory.buffer.byteLength;
    const maxBytes = 64 * 1024 * 1024;
    new CoreBloomFilter(index.core, 4_000_000, 16, maxBytes); // 8 MB in use, 64 MiB reserved
    const reserved = memory();
    for (const [i, keys] of [8_000_000, 16_000_000, 32_000_000].entries()) {
      index.core.exports.scratchPointer((i + 1) << 20); // something allocated after the filter, as in a real run
      new CoreBloomFilter(index.core, keys, 16, maxBytes);
    }
    expect(memory()).toBeLessThanOrEqual(reserved + (4 << 20)); // the scratch buffers only
    index.close();
  });

  it('tells ids apart that differ only beyond Latin-1 or in length', () => {
    const index = new TransactionIdIndex();
    for (const id of ['a', 'aa', 'Ω', 'Ωa', '\u0100', '\u0000', 'a\u0000', '😀', '\ud83d']) {
      expect(index.addIfAbsent(id)).toBe(true);
    }
    expect(index.addIfAbsent('Ωa')).toBe(false);
    expect(index.addIfAbsent('\ud83d')).toBe(false);
  });

  it('tells lowercase UUIDs (stored packed) apart from every near miss, in memory and after spilling', () => {
    const uuids = Array.from({ length: 3000 }, (_, i) => {
      const hex = (i * 2654435761 + 0x9e3779b9).toString(16).padStart(12, '0').slice(-12);
      return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(1, 4)}-a${hex.slice(5, 8)}-${hex}`;
    });
    const nearMisses = (uuid: string): string[] => [
      uuid.toUpperCase(),
      `${uuid.slice(0, 35)}g`,
      `${uuid.slice(0, 8)}${uuid.slice(9, 10)}-${uuid.slice(10)}`, // a hyphen one place later
      uuid.replace(/-/g, '').padEnd(36, '0'),
      uuid.slice(0, 35),
      `${uuid}0`,
    ];
    for (const options of [{}, { memoryBudgetBytes: 64 * 1024, spillDirectory: spillDirectory() }]) {
      const index = new TransactionIdIndex(options);
      const all = uuids.flatMap((uuid) => [uuid, ...nearMisses(uuid)]);
      for (const id of all) expect(index.addIfAbsent(id)).toBe(true);
      for (const id of all) expect(index.addIfAbsent(id)).toBe(false);
      expect(index.addIfAbsent('00000000-0000-4000-a000-000000000000')).toBe(true);
      if (options.memoryBudgetBytes !== undefined) expect(index.spillCount).toBeGreaterThan(2);
      index.close();
    }
  });

  it('keeps the longest narrow ids (127 and 128 units) apart and finds them again', () => {
    const index = new TransactionIdIndex();
    const ids = ['x'.repeat(127), 'x'.repeat(128), 'é'.repeat(128), `${'x'.repeat(127)}y`];
    for (const id of ids) expect(index.addIfAbsent(id)).toBe(true);
    for (const id of ids) expect(index.addIfAbsent(id)).toBe(false);
    index.close();
  });

  it('refuses ids it cannot store', () => {
    const index = new TransactionIdIndex();
    expect(() => index.addIfAbsent('')).toThrow(RangeError);
    expect(() => index.addIfAbsent('x'.repeat(129))).toThrow(RangeError);
  });
});

describe('processTransactionStream with a small id memory budget', () => {
  it('still finds duplicates that were spilled to disk, and cleans up', async () => {
    const directory = mkdtempSync(join(tmpdir(), 'id-index-stream-'));
    try {
      const rows = Array.from({ length: 20_000 }, (_, i) => row({ id: `transaction-${i}` }));
      const outcome = await run(csv(...rows, row({ id: 'transaction-0' }), row({ id: 'transaction-19999' })), undefined, {
        idMemoryBudgetBytes: 256 * 1024,
        spillDirectory: directory,
      });
      expect(outcome.result.records).toEqual({ total: 20_002, valid: 20_000, quarantined: 2 });
      expect(outcome.quarantined.map((q) => [q.line, q.reason])).toEqual([
        [20_002, 'duplicate_id'],
        [20_003, 'duplicate_id'],
      ]);
      expect(readdirSync(directory)).toEqual([]);
    } finally {
      rmSync(directory, { recursive: true, force: true });
    }
  });
});
