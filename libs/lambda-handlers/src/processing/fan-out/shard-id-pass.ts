import { processTransactionStream } from '../process-transaction-stream.js';
import type { FileFormat } from '../file-format.js';
import type { ByteSource } from '../file-bytes.js';
import type { ProcessOptions, QuarantineEntry } from '../types.js';

/** Reasons whose row's id was never remembered (SPEC §5 rule order: the line, then the id). */
const UNREMEMBERED = new Set(['malformed_row', 'invalid_id']);

/**
 * First pass over one shard: every transaction id the single path would remember on this shard's
 * rows (valid rows, and rejected rows whose id passed `invalid_id`), once each, sorted by UTF-16
 * code units: the shard's run for {@link mergeIdRuns}. Runs the processor itself, so "remembered"
 * means exactly what it means on the single path; its outputs are dropped.
 */
export async function shardIdRun(source: ByteSource, format: FileFormat, options: ProcessOptions = {}): Promise<string[]> {
  const ids = new Set<string>();
  const decoder = new TextDecoder();
  await processTransactionStream(
    source,
    format,
    {
      processed: (lines) => {
        for (const line of decoder.decode(lines).split('\n')) {
          if (line.length > 0) ids.add((JSON.parse(line) as { transactionId: string }).transactionId);
        }
      },
      quarantined: (entry: QuarantineEntry) => {
        if (entry.transactionId !== undefined && !UNREMEMBERED.has(entry.reason)) ids.add(entry.transactionId);
      },
    },
    options,
  );
  return [...ids].sort(compareCodeUnits);
}

/** Plain UTF-16 code-unit order, the order runs are sorted and merged in. */
export function compareCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
