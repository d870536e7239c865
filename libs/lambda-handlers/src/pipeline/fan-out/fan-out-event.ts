import type { ProcessingResult } from '../../processing/index.js';
import type { RunKey, SourceObject } from '../source-object.js';
import type { CorrelatedEvent } from '../../runtime/pipeline-handler.js';

/** What every fan-out step receives: the run the validate step resolved (the same as the transform step's). */
export interface FanOutEvent extends CorrelatedEvent {
  readonly run: SourceObject & RunKey;
}

/** A shard's item as the Distributed Map hands it on (ItemSelector adds the run). */
export interface ShardItem {
  readonly shard: number;
}

/** `result.json` of one pass of one shard: what pass two and the assembly need besides its parts (the merge reads ids.json). */
export interface ShardPassRecord {
  /** The shard's result (after pass two: pass one's with the head's changes). */
  readonly result: ProcessingResult;
  /** Bytes of this pass's records and quarantine parts, so the assembly plans its copy without a HEAD per part. */
  readonly recordsBytes: number;
  readonly quarantineBytes: number;
  /**
   * Pass two only: its parts are the shard's head; pass one's parts stand from these bytes on
   * (rerunShardHead), so the shard's output is the head, then pass one's rest.
   */
  readonly rest?: { readonly recordsFrom: number; readonly quarantineFrom: number };
}

/**
 * `ids.json` of a shard's pass one: what the merge needs of the shard besides its run, kept apart
 * from result.json (whose aggregates, nearly every account-currency-day group per shard, the merge
 * would otherwise fetch and parse for every shard of the file).
 */
export interface IdRunFacts {
  /** Line feeds of the shard's own bytes, for numbering the shards' lines. */
  readonly lineFeeds: number;
  /**
   * Where each hash slice of the shard's id run (`ids.bin`) starts (hashSliceStarts, 257 offsets),
   * so the merge reads the same slices of every run by ranged GETs instead of whole runs.
   */
  readonly sliceStarts: readonly number[];
}

/** `facts.json`: the merge's line numbering and which shards pass two reran. */
export interface MergeFacts {
  readonly firstLines: readonly number[];
  readonly reruns: readonly number[];
}
