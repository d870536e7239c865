import { PermanentError } from '../errors.js';
import type { FileFormat } from '../file-format.js';
import { processTransactionStream } from '../process-transaction-stream.js';
import type { NormalizedRecord, ProcessOptions, ProcessingResult } from '../types.js';
import { withoutRecords } from './combine-shard-results.js';
import { skipQuarantineThrough, skipRecordLines } from './pass-one-part.js';
import { shardHeadBytes, type HeadExtent } from './shard-bytes.js';
import type { ShardPart } from './shard-pass.js';
import type { RangeReader, ShardPlan } from './shard-plan.js';

/** Pass one's output for a shard, read back from the start: its part's two files (S3 objects) and its result. */
export interface PassOneOutput {
  readonly result: ProcessingResult;
  /** The part's records bytes, from the first. */
  records(): AsyncIterable<Uint8Array>;
  /** The part's quarantine entries as JSON lines (`JSON.stringify(entry)` and a line feed each), from the first. */
  quarantine(): AsyncIterable<Uint8Array>;
}

/**
 * A shard's output after pass two: the head part's records, then pass one's records from byte
 * `recordsFrom`; the head part's quarantine entries, then pass one's from byte `quarantineFrom`.
 * On S3 each is a multipart upload copy of the head object and a ranged copy of pass one's.
 */
export interface ShardRerun {
  readonly result: ProcessingResult;
  readonly recordsFrom: number;
  readonly quarantineFrom: number;
}

/**
 * Pass two for one shard, without rereading all of it. Only the rows whose id is among
 * `knownIds` (ids first seen on an earlier shard) and that are the shard's first remembered row
 * with that id change: SPEC §5 makes them `duplicate_id` (each passed the two rules before it in
 * pass one, so the id check now decides), valid or not before; every later row was judged the same
 * in pass one, since its shard had already remembered those ids by then. So the processor reruns
 * the shard with the ids known only until each has come out as a `duplicate_id` entry, into a fresh
 * head part; pass one's output after that line stands. The shard's result is pass one's with the
 * rows that were valid and now are not taken out of the counts and the aggregates.
 * Retries a transient failure like runShardPass, each try into a new head part.
 */
export async function rerunShardHead(
  read: RangeReader,
  format: FileFormat,
  plan: ShardPlan,
  shard: number,
  knownIds: readonly string[],
  passOne: PassOneOutput,
  newHead: () => ShardPart,
  options: Omit<ProcessOptions, 'knownIds'> & { readonly attempts?: number } = {},
): Promise<ShardRerun> {
  const attempts = options.attempts ?? 3;
  for (let attempt = 1; ; attempt++) {
    try {
      return await rerunOnce(newHead());
    } catch (error) {
      if (error instanceof PermanentError || attempt >= attempts) throw error;
    }
  }

  async function rerunOnce(head: ShardPart): Promise<ShardRerun> {
    const unseen = new Set(knownIds);
    const extent: HeadExtent = { lineFeeds: 0, wholeRange: false };
    const rerun = await processTransactionStream(
      shardHeadBytes(read, plan, plan.ranges[shard]!, () => unseen.size === 0, extent),
      format,
      {
        processed: (lines) => head.processed(lines),
        quarantined: (entry) => {
          if (entry.reason === 'duplicate_id' && entry.transactionId !== undefined) unseen.delete(entry.transactionId);
          return head.quarantined(entry);
        },
      },
      { ...options, knownIds },
    );
    const where = `shard ${shard}`;
    if (unseen.size > 0) throw new Error(`fan-out: ${where}: ${unseen.size} id(s) known from earlier shards never came out as duplicate_id (pass one and the merge disagree)`);
    // The head covers the shard's lines 1..lastLine (its own numbering, the prefix included): all of them when it read the whole range.
    const lastLine = extent.wholeRange ? Number.POSITIVE_INFINITY : extent.lineFeeds;
    const quarantine = await skipQuarantineThrough(passOne.quarantine(), lastLine, where);
    const headValidBefore = rerun.records.total - quarantine.entries;
    const known = new Set(knownIds);
    const removed: NormalizedRecord[] = [];
    const recordsFrom = await skipRecordLines(passOne.records(), headValidBefore, where, (id, line) => {
      if (known.has(id)) removed.push(JSON.parse(line.toString('utf8')) as NormalizedRecord);
    });
    const before = passOne.result.records;
    if (rerun.records.valid !== headValidBefore - removed.length || rerun.records.quarantined !== quarantine.entries + removed.length) {
      throw new Error(`fan-out: ${where}: the head rerun and pass one disagree on the rows before line ${lastLine}`);
    }
    return {
      result: {
        ...passOne.result,
        records: { total: before.total, valid: before.valid - removed.length, quarantined: before.quarantined + removed.length },
        aggregates: withoutRecords(passOne.result.aggregates, removed),
      },
      recordsFrom,
      quarantineFrom: quarantine.bytes,
    };
  }
}
