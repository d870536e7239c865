import { HASH_SLICES, knownIdsOf, type RangeReader } from '../../processing/fan-out/index.js';
import { mapInParallel } from './map-in-parallel.js';

/**
 * Bytes of id runs (summed over every shard) merged at once. The merge function has the processing
 * memory (512 MB in dev, 2048 MB in prod) and holds a range's slices, plus, while a slice's GET
 * completes, the SDK's copy of it (the body is collected, then joined): up to twice the range when
 * the shards are few and their slices large. 128 MiB keeps that under ~256 MiB beside Node's ~100 MB,
 * inside dev's 512 MB; a larger budget would only save GETs (one per shard and range).
 */
export const MERGE_RANGE_BYTES = 128 * 1024 * 1024;

/**
 * Slices fetched at once. Past ~175 GB of file every range is one hash slice, so the merge makes
 * shards × 256 GETs (~250 k for 500 GB in 512 MB shards) of a few hundred KiB each, where S3's
 * first-byte latency, not bandwidth, is the cost: 32 in flight divide it by 32, under the SDK's 50
 * sockets per host; what they hold is bounded by the range budget, not by this number.
 */
export const PARALLEL_SLICE_READS = 32;

/** A shard's id run as the merge reads it: the run's hash slice starts (hashSliceStarts) and ranged reads of its bytes. */
export interface ShardIdRun {
  readonly sliceStarts: readonly number[];
  readonly read: RangeReader;
}

/** A range of hash slices `[from, to)` and the run bytes it spans across every shard. */
export interface HashRange {
  readonly from: number;
  readonly to: number;
  readonly bytes: number;
}

/**
 * Consecutive ranges of hash slices covering all 256, each spanning at most `budgetBytes` of run
 * bytes across the shards, except a single slice that alone exceeds the budget: it is taken alone
 * anyway, since an id's records share its hash and so its slice (a slice cannot be split). The hash
 * spreads ids evenly, so a slice is 1/256 of the runs (~23 bytes per id, ~210 MB per GiB of file):
 * one slice passes 128 MiB from ~32 GiB of runs, a file of ~175 GB, and at 500 GB is ~390 MB — the
 * merge then holds one slice, which prod's 2048 MB holds up to a file of ~1.7 TB (slices of
 * ~1.3 GB), well past where the merge's time runs out (see the pipeline fan-out README).
 */
export function hashRanges(sliceStarts: readonly (readonly number[])[], budgetBytes: number): HashRange[] {
  const ranges: HashRange[] = [];
  let from = 0;
  let bytes = 0;
  for (let slice = 0; slice < HASH_SLICES; slice++) {
    let sliceBytes = 0;
    for (const starts of sliceStarts) sliceBytes += starts[slice + 1]! - starts[slice]!;
    if (slice > from && bytes + sliceBytes > budgetBytes) {
      ranges.push({ from, to: slice, bytes });
      from = slice;
      bytes = 0;
    }
    bytes += sliceBytes;
  }
  ranges.push({ from, to: HASH_SLICES, bytes });
  return ranges;
}

/**
 * Per shard, the ids it shares with earlier shards — exactly what knownIdsOf over the whole runs
 * gives — merging one hash range at a time: the range's slice of every run by ranged reads (at most
 * `parallel` at once; s3RangeReader sends no GET for an empty slice), merged with knownIdsOf, each shard's list
 * extended in range order. Memory is one range's slices, never the runs, and nothing goes to disk.
 */
export async function mergeInHashRanges(
  runs: readonly ShardIdRun[],
  { budgetBytes = MERGE_RANGE_BYTES, parallel = PARALLEL_SLICE_READS }: { budgetBytes?: number; parallel?: number } = {},
): Promise<{ knownIds: string[][]; ranges: number }> {
  runs.forEach((run, shard) => {
    if (run.sliceStarts.length !== HASH_SLICES + 1) {
      throw new Error(`fan-out: shard ${shard} has ${run.sliceStarts.length} hash slice starts, expected ${HASH_SLICES + 1} (its pass one ran before the merge read runs by hash range: rerun pass one)`);
    }
  });
  const knownIds: string[][] = runs.map(() => []);
  const ranges = hashRanges(
    runs.map((run) => run.sliceStarts),
    budgetBytes,
  );
  for (const { from, to } of ranges) {
    const slices = await mapInParallel(runs, parallel, (run) => run.read(run.sliceStarts[from]!, run.sliceStarts[to]!));
    knownIdsOf(slices.map((slice) => [slice])).forEach((ids, shard) => {
      // A loop, not push(...ids): a range may find more ids than a call takes arguments.
      for (const id of ids) knownIds[shard]!.push(id);
    });
  }
  return { knownIds, ranges: ranges.length };
}
