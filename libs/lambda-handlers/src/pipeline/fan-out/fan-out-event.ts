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

/** `result.json` of one pass of one shard: what the merge and the assembly need besides its parts. */
export interface ShardPassRecord {
  readonly result: import('../../processing/index.js').ProcessingResult;
  readonly lineFeeds: number;
  /** Bytes of the records part, so the assembly plans its copy without a HEAD per shard. */
  readonly recordsBytes: number;
}

/** `facts.json`: the merge's line numbering and which shards pass two reran. */
export interface MergeFacts {
  readonly firstLines: readonly number[];
  readonly reruns: readonly number[];
}
