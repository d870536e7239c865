import { versionBase, type RunPrefixes } from '../source-object.js';
import type { SourceObject } from '../source-object.js';

/** One pass's output of one shard: a retry of that pass overwrites exactly these objects. */
export interface ShardPassKeys {
  readonly records: string;
  readonly quarantine: string;
  /** Pass one only: the shard's id run, the binary run the core writes (id-run.ts), stored as is. */
  readonly idRun: string;
  /**
   * Pass one only: the run's IdRunFacts (line feeds, hash slice starts), all the merge reads of a
   * shard besides its run — result.json carries the shard's aggregates, far larger.
   */
  readonly idRunFacts: string;
  /** The pass's ShardPassRecord (result, part sizes), written last: its presence means the pass finished. */
  readonly result: string;
}

/** Where the fan-out path keeps its work for one object version, under `processed/…/{versionId}/shards/`. */
export interface FanOutKeys {
  readonly prefix: string;
  /** The ShardPlan (ranges, prefix end, size). */
  readonly plan: string;
  /** Pass one's item source: `[{ "shard": 0 }, …]`, read by the Distributed Map's ItemReader. */
  readonly items: string;
  /** Pass two's item source: the shards that share ids with earlier shards. */
  readonly reruns: string;
  /** The merge's line numbering: `{ firstLines, reruns }`. */
  readonly facts: string;
  /** Prefix of the Distributed Maps' ResultWriter output (kept out of the execution's state). */
  readonly mapResults: string;
  pass(shard: number, pass: 1 | 2): ShardPassKeys;
  /** Ids shard `shard` shares with earlier shards, a JSON array: the seed of its pass two. */
  knownIds(shard: number): string;
}

/**
 * Keys are per object version, shard and pass, so a replay or a retried shard overwrites its own
 * objects instead of adding new ones, and the workers' role can be limited to `processed/*\/shards/*`.
 */
export function fanOutKeysOf(object: Pick<SourceObject, 'key' | 'versionId'>, env: RunPrefixes): FanOutKeys {
  const prefix = `${env.PROCESSED_PREFIX}${versionBase(object, env)}/shards/`;
  return {
    prefix,
    plan: `${prefix}plan.json`,
    items: `${prefix}items.json`,
    reruns: `${prefix}reruns.json`,
    facts: `${prefix}facts.json`,
    mapResults: `${prefix}map-results`,
    pass(shard, pass) {
      const base = `${prefix}${shard}/pass-${pass}/`;
      return { records: `${base}records.jsonl`, quarantine: `${base}rejected-rows.jsonl`, idRun: `${base}ids.bin`, idRunFacts: `${base}ids.json`, result: `${base}result.json` };
    },
    knownIds: (shard) => `${prefix}${shard}/known-ids.json`,
  };
}
