/**
 * The fan-out path (SPEC §3.2 scale): a large file split at line boundaries, processed shard by
 * shard in two passes, giving exactly the single path's outputs. See process-in-shards.ts for the
 * steps; the state machine's planner, shard and merge tasks and the local bench call these parts.
 */
export { combineShardResults, compareCodeUnits } from './combine-shard-results.js';
export { HASH_SLICES, IdRunReader, hashSliceStarts, idKey, idOfKey } from './id-run.js';
export { idRunOfIndex } from './index-id-run.js';
export { mergeIdRuns, type KnownIdSink } from './merge-id-runs.js';
export { processInShards, type ShardedProcessOptions } from './process-in-shards.js';
export { prefixLineFeeds, shardBytes } from './shard-bytes.js';
export { firstLinesOf, knownIdsOf, lineShift, shardFacts, type ShardFacts } from './shard-facts.js';
export { shiftQuarantineLines } from './shift-quarantine-lines.js';
export { runShardPass, type ShardPart, type ShardPassResult } from './shard-pass.js';
export { rerunShardHead, type PassOneOutput, type ShardRerun } from './shard-rerun.js';
export { planShards, type RangeReader, type ShardPlan, type ShardRange } from './shard-plan.js';
