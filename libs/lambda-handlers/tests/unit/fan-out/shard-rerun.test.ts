import { describe, expect, it } from 'vitest';
import { GzipNotSplittableError } from '../../../src/processing/errors.js';
import type { FileFormat } from '../../../src/processing/file-format.js';
import { processInShards } from '../../../src/processing/fan-out/process-in-shards.js';
import { shardFacts } from '../../../src/processing/fan-out/shard-facts.js';
import { runShardPass, type ShardPart } from '../../../src/processing/fan-out/shard-pass.js';
import { planShards } from '../../../src/processing/fan-out/shard-plan.js';
import { rerunShardHead } from '../../../src/processing/fan-out/shard-rerun.js';
import type { QuarantineEntry } from '../../../src/processing/types.js';
import { HEADER, row } from '../processing/harness.js';
import { fanOutPath, memoryReader, singlePath } from './fan-out-harness.js';

const CSV: FileFormat = { kind: 'csv', gzip: false };
const SHARD_BYTES = 1024 * 1024; // several of the head rerun's 128 KiB slices

/** Three shards of filler rows; near the start of the second, rows reuse ids of the first. */
function fileWithEarlyRepeats(repeats: readonly string[]): Buffer {
  const rows = [HEADER];
  let length = HEADER.length;
  let repeated = false;
  for (let i = 0; length < 3 * SHARD_BYTES; i++) {
    rows.push(row({ id: `f${i}`, account: `acc-${i % 3}`, amount: `${i % 90}.25`, status: ['settled', 'pending', 'reversed'][i % 3]! }));
    length += rows.at(-1)!.length + 1;
    if (!repeated && length > SHARD_BYTES + 500) {
      rows.push(...repeats);
      repeated = true;
    }
  }
  return Buffer.from(`${rows.join('\n')}\n`);
}

class BytesPart implements ShardPart {
  records: Buffer[] = [];
  entries: string[] = [];
  processed = (lines: Uint8Array): void => void this.records.push(Buffer.from(lines));
  quarantined = (entry: QuarantineEntry): void => void this.entries.push(`${JSON.stringify(entry)}\n`);
}

describe('pass two reruns only the head of a shard', () => {
  const repeats = [
    row({ id: 'f1', account: 'acc-x' }), // valid in pass one, a duplicate of shard 0's row: leaves the records and the aggregates
    row({ id: 'f2', amount: '1.005' }), // invalid_amount in pass one, but duplicate_id comes first in SPEC §5's order
    'f3,"acc-1,2026-01-15T10:00:00Z,USD,1.00,settled,Shop', // malformed_row comes before duplicate_id: stays
    row({ id: 'f1', account: 'acc-y' }), // already a duplicate within the shard in pass one
  ];
  const bytes = fileWithEarlyRepeats(repeats);

  it('stops after the last row that changes, and pass one\'s part stands from there', async () => {
    const reader = memoryReader(bytes);
    const plan = await planShards(reader, { size: bytes.length, shardBytes: SHARD_BYTES, kind: 'csv' });
    expect(plan.ranges.length).toBeGreaterThanOrEqual(3);
    const parts: BytesPart[] = [];
    const passes = [];
    for (const range of plan.ranges) passes.push(await runShardPass(reader, CSV, plan, range.index, () => (parts[range.index] = new BytesPart())));
    const facts = shardFacts(passes.map((pass) => ({ idRun: [pass.idRun], lineFeeds: pass.lineFeeds })));
    expect(facts.knownIds.map((ids) => [...ids].sort())).toEqual([[], ['f1', 'f2'], ...plan.ranges.slice(2).map(() => [])]);

    const part = parts[1]!;
    const passOne = {
      result: passes[1]!.result,
      records: async function* () { yield* part.records; },
      quarantine: async function* () { yield Buffer.from(part.entries.join('')); },
    };
    const head = new BytesPart();
    const rerun = await rerunShardHead(reader, CSV, plan, 1, facts.knownIds[1]!, passOne, () => head);
    const passOneRecords = Buffer.concat(part.records);
    // The head is a few slices, pass one's part is most of the shard; together they are the shard's records less the one row.
    expect(rerun.recordsFrom).toBeGreaterThan(0);
    expect(rerun.recordsFrom).toBeLessThan(passOneRecords.length / 2);
    const merged = Buffer.concat([...head.records, passOneRecords.subarray(rerun.recordsFrom)]).toString('utf8');
    expect(merged.split('\n').length).toBe(passOneRecords.toString('utf8').split('\n').length - 1);
    expect(merged).not.toContain('"acc-x"');
    expect(head.entries.map((line) => (JSON.parse(line) as QuarantineEntry).reason)).toEqual(['duplicate_id', 'duplicate_id', 'malformed_row', 'duplicate_id']);
    expect(rerun.result.records).toEqual({ ...passes[1]!.result.records, valid: passes[1]!.result.records.valid - 1, quarantined: passes[1]!.result.records.quarantined + 1 });
  });

  it('retries a failed head rerun into a fresh head part, so nothing is written twice', async () => {
    const reader = memoryReader(bytes);
    const plan = await planShards(reader, { size: bytes.length, shardBytes: SHARD_BYTES, kind: 'csv' });
    const part = new BytesPart();
    const pass = await runShardPass(reader, CSV, plan, 1, () => part);
    const passOne = {
      result: pass.result,
      records: async function* () { yield* part.records; },
      quarantine: async function* () { yield Buffer.from(part.entries.join('')); },
    };
    let failures = 0;
    const flaky = async (start: number, end: number): Promise<Uint8Array> => {
      if (start === plan.ranges[1]!.start && failures++ === 0) throw new Error('connection reset');
      return reader(start, end);
    };
    const heads: BytesPart[] = [];
    const rerun = await rerunShardHead(flaky, CSV, plan, 1, ['f1', 'f2'], passOne, () => (heads.push(new BytesPart()), heads.at(-1)!));
    expect(heads).toHaveLength(2);
    expect(heads[1]!.entries).toHaveLength(4);
    expect(rerun.result.records.valid).toBe(pass.result.records.valid - 1);
  });

  it('gives the single path\'s records, quarantine, counts and aggregates', async () => {
    const { shards, ...fanned } = await fanOutPath(bytes, CSV, SHARD_BYTES);
    expect(shards).toBeGreaterThanOrEqual(3);
    expect(fanned).toEqual(await singlePath(bytes, CSV));
  });
});

describe('a gzipped file on the fan-out path', () => {
  it('is rejected whole with a file-level reason', async () => {
    const bytes = Buffer.from('not read');
    const error = await processInShards(memoryReader(bytes), { kind: 'csv', gzip: true }, { processed: () => undefined, quarantined: () => undefined }, { size: 5e9, shardBytes: 1e8 }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(GzipNotSplittableError);
    expect(error).toMatchObject({ reason: 'gzip_not_splittable', message: expect.stringContaining('A gzip file of 5000000000 bytes is above the fan-out threshold') });
  });
});
