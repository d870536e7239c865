import { describe, expect, it } from 'vitest';
import type { FileFormat } from '../../../src/processing/file-format.js';
import { processInShards } from '../../../src/processing/fan-out/process-in-shards.js';
import { planShards } from '../../../src/processing/fan-out/shard-plan.js';
import type { QuarantineEntry } from '../../../src/processing/types.js';
import { HEADER, row } from '../processing/harness.js';
import { memoryReader, singlePath } from './fan-out-harness.js';

const CSV: FileFormat = { kind: 'csv', gzip: false };
const SHARD_BYTES = 1536 * 1024; // each shard takes two 1 MiB reads, so a read can fail halfway through one

function bigCsv(): Buffer {
  const rows = [HEADER];
  for (let i = 0; i < 45_000; i++) rows.push(row({ id: `t${i % 40_000}`, account: `acc-${i % 7}`, amount: i % 500 === 0 ? 'bad' : '1.25' }));
  return Buffer.from(`${rows.join('\n')}\n`);
}

describe('a failed shard', () => {
  it('retries alone, halfway through its output, and the file comes out once', async () => {
    const bytes = bigCsv();
    const reader = memoryReader(bytes);
    const plan = await planShards(reader, { size: bytes.length, shardBytes: SHARD_BYTES, kind: 'csv' });
    expect(plan.ranges.length).toBeGreaterThanOrEqual(2);
    const failAt = 1024 * 1024; // the second read of shard 0, after it has written output
    let readsThere = 0;
    const flaky = async (start: number, end: number): Promise<Uint8Array> => {
      // shard 0's first try fails there, its retry succeeds (it has no cross-shard duplicates: no pass two)
      if (start === failAt && ++readsThere === 1) throw new Error('connection reset');
      return reader(start, end);
    };
    const processed: Buffer[] = [];
    const quarantined: QuarantineEntry[] = [];
    const fanned = await processInShards(
      flaky,
      CSV,
      { processed: (lines) => void processed.push(Buffer.from(lines)), quarantined: (entry) => void quarantined.push(entry) },
      { size: bytes.length, shardBytes: SHARD_BYTES },
    );
    expect(readsThere).toBe(2);
    const single = await singlePath(bytes, CSV);
    expect(Buffer.concat(processed).toString('utf8')).toBe(single.processed);
    expect(quarantined.map((entry) => JSON.stringify(entry)).join('\n')).toBe(single.quarantine);
    expect({ ...fanned, shards: undefined }).toEqual({ ...single.result, shards: undefined });
  });

  it('gives up after its tries and fails the file', async () => {
    const bytes = bigCsv();
    const reader = memoryReader(bytes);
    const failing = async (start: number, end: number): Promise<Uint8Array> => {
      if (start === 1024 * 1024) throw new Error('connection reset');
      return reader(start, end);
    };
    await expect(processInShards(failing, CSV, { processed: () => undefined, quarantined: () => undefined }, { size: bytes.length, shardBytes: SHARD_BYTES, attempts: 2 })).rejects.toThrow('connection reset');
  });
});
