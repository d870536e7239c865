import { idOfKey } from './id-run.js';
import { mergeIdRuns } from './merge-id-runs.js';

/** What the merge learns from pass one, which pass two and the assembly need. */
export interface ShardFacts {
  /** 1-based physical line of each shard's first byte. */
  readonly firstLines: readonly number[];
  /** Per shard, the ids its rows share with earlier shards (in run order); empty means pass one's part stands. */
  readonly knownIds: readonly string[][];
}

/**
 * The merge step: line numbers from the shards' line counts, and the cross-shard duplicate
 * decision from their id runs (see mergeIdRuns). In AWS the runs are S3 objects read as streams
 * and the known ids are written per shard; here they are held in memory. `idRun` is a run's bytes
 * in chunks (a run from ShardPassResult is one chunk: `[run]`).
 */
export function shardFacts(passes: readonly { idRun: Iterable<Uint8Array>; lineFeeds: number }[]): ShardFacts {
  const firstLines: number[] = [];
  let line = 1;
  for (const pass of passes) {
    firstLines.push(line);
    line += pass.lineFeeds;
  }
  const knownIds: string[][] = passes.map(() => []);
  mergeIdRuns(
    passes.map((pass) => pass.idRun),
    (shard, key) => void knownIds[shard]!.push(idOfKey(key)),
  );
  return { firstLines, knownIds };
}

/**
 * How far a shard's quarantine lines move to become the file's: a shard after the first reads the
 * prefix (`prefixLines` line feeds, the CSV header) before its own first line.
 */
export function lineShift(facts: ShardFacts, shard: number, prefixLines: number): number {
  return shard === 0 ? 0 : facts.firstLines[shard]! - 1 - prefixLines;
}
