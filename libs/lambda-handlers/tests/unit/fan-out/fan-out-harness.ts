import type { FileFormat } from '../../../src/processing/file-format.js';
import type { RangeReader } from '../../../src/processing/fan-out/shard-plan.js';
import type { ProcessingResult, QuarantineEntry } from '../../../src/processing/types.js';
import { idRunOfIndex } from '../../../src/processing/fan-out/index-id-run.js';
import { processInShards } from '../../../src/processing/fan-out/process-in-shards.js';
import { TransactionIdIndex } from '../../../src/processing/transaction-id-index.js';
import { run } from '../processing/harness.js';

/** A range reader over bytes in memory, counting what it was asked for. */
export function memoryReader(bytes: Uint8Array): RangeReader & { bytesRead: number; reads: number } {
  const reader = async (start: number, end: number): Promise<Uint8Array> => {
    reader.reads++;
    const slice = bytes.subarray(start, Math.min(end, bytes.length));
    reader.bytesRead += slice.length;
    return slice;
  };
  reader.bytesRead = 0;
  reader.reads = 0;
  return reader;
}

/** A shard's id run from the ids its rows remembered, through a real id index (a small budget makes it spill). */
export function idRunOf(ids: readonly string[], memoryBudgetBytes = 1 << 20): { run: Buffer; spills: number } {
  const index = new TransactionIdIndex({ memoryBudgetBytes });
  try {
    for (const id of ids) index.addIfAbsent(id);
    return { run: idRunOfIndex(index), spills: index.spillCount };
  } finally {
    index.close();
  }
}

/** Everything a path wrote, as the comparison sees it: bytes of records, quarantine entries as JSON, the result. */
export interface Outputs {
  readonly processed: string;
  readonly quarantine: string;
  readonly result: ProcessingResult;
}

export async function singlePath(bytes: Uint8Array, format: FileFormat): Promise<Outputs> {
  const outcome = await run(bytes, format, { chunkSize: 997 });
  return { processed: outcome.processed, quarantine: quarantineText(outcome.quarantined), result: outcome.result };
}

export async function fanOutPath(bytes: Uint8Array, format: FileFormat, shardBytes: number): Promise<Outputs & { shards: number }> {
  const processed: Buffer[] = [];
  const quarantined: QuarantineEntry[] = [];
  const { shards, ...result } = await processInShards(
    memoryReader(bytes),
    format,
    { processed: (lines) => void processed.push(Buffer.from(lines)), quarantined: (entry) => void quarantined.push(entry) },
    { size: bytes.length, shardBytes, idMemoryBudgetBytes: 64 * 1024 },
  );
  return { processed: Buffer.concat(processed).toString('utf8'), quarantine: quarantineText(quarantined), result, shards };
}

function quarantineText(entries: readonly QuarantineEntry[]): string {
  return entries.map((entry) => JSON.stringify(entry)).join('\n');
}
