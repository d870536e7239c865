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
 * decision from their id runs (see mergeIdRuns), all runs at once. On AWS the merge reads the runs
 * one hash range at a time instead (mergeInHashRanges over knownIdsOf). `idRun` is a run's bytes in
 * chunks (a run from ShardPassResult is one chunk: `[run]`).
 */
export function shardFacts(passes: readonly { idRun: Iterable<Uint8Array>; lineFeeds: number }[]): ShardFacts {
  return { firstLines: firstLinesOf(passes.map((pass) => pass.lineFeeds)), knownIds: knownIdsOf(passes.map((pass) => pass.idRun)) };
}

/** 1-based physical line of each shard's first byte, from the line feeds in each shard's own bytes. */
export function firstLinesOf(lineFeeds: readonly number[]): number[] {
  const firstLines: number[] = [];
  let line = 1;
  for (const count of lineFeeds) {
    firstLines.push(line);
    line += count;
  }
  return firstLines;
}

/**
 * Per shard, the ids it shares with earlier shards (mergeIdRuns), from every shard's run in shard
 * order. The runs may be the same hash range of each (hashSliceStarts): the merge then splits over
 * several hands, and each shard's known ids are the ranges' lists joined in range order.
 */
export function knownIdsOf(runs: readonly Iterable<Uint8Array>[]): string[][] {
  const knownIds: string[][] = runs.map(() => []);
  mergeIdRuns(runs, (shard, key) => void knownIds[shard]!.push(idOfKey(key)));
  return knownIds;
}

/**
 * How far a shard's quarantine lines move to become the file's: a shard after the first reads the
 * prefix (`prefixLines` line feeds, the CSV header) before its own first line.
 */
export function lineShift(facts: Pick<ShardFacts, 'firstLines'>, shard: number, prefixLines: number): number {
  return shard === 0 ? 0 : facts.firstLines[shard]! - 1 - prefixLines;
}
