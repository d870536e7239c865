import { z } from 'zod';
import { positiveInt } from './primitives.js';

/**
 * The fan-out path (SPEC §3.2 scale): when a file leaves the single function for the Distributed
 * Map, how it is cut, and how wide the map runs. Shards are cut at line feeds, so sizes are targets.
 */
export const processingSchema = z
  .object({
    /** Objects larger than this (MB) fan out over the Distributed Map; others take the single transform function. */
    fanOutAboveMb: positiveInt(1, 5_000_000).default(1024),
    /** Target bytes per shard (MB): one shard worker must finish pass one and pass two inside the processing timeout. */
    shardMb: positiveInt(1, 10_240).default(256),
    /** Shard workers running at once (the Distributed Map's MaxConcurrency); at most the processing functions' reserved concurrency. */
    maxConcurrency: positiveInt(1, 10_000).default(10),
    /**
     * Failed shards (after retries) the map tolerates, percent. The result must be the whole file's,
     * so anything above 0 only moves the failure to assembly (a shard without a result fails the file there).
     */
    toleratedFailurePercentage: z.number().min(0).max(100).default(0),
  })
  .strict()
  .refine((processing) => processing.shardMb <= processing.fanOutAboveMb, {
    message: 'must not exceed fanOutAboveMb (a file that fans out must make more than one shard)',
    path: ['shardMb'],
  });

/** Lambda's /tmp size, MB (512 is included in the price; up to 10240). */
const ephemeralMb = positiveInt(512, 10_240).default(512);

/**
 * Ephemeral storage (/tmp) per pipeline function, MB. The processor spills its duplicate-id index
 * to /tmp (about 41 bytes per id), so the transform function needs room for the largest file that
 * takes the single path (fanOutAboveMb) and the shard worker for one shard (shardMb).
 */
export const ephemeralStorageSchema = z
  .object({
    validate: ephemeralMb,
    transform: ephemeralMb,
    load: ephemeralMb,
    quarantine: ephemeralMb,
    migrate: ephemeralMb,
    /** Fan-out planner: reads a few KiB per cut. */
    plan: ephemeralMb,
    /** Fan-out shard worker: pass one and pass two over one shard. */
    shard: ephemeralMb,
    /** Fan-out merge: reads the shards' id runs by hash range into memory and writes nothing to /tmp, so 512 does. */
    merge: ephemeralMb,
    /** Fan-out assembly: copies large parts server-side and gathers small ones in memory, never on /tmp. */
    assemble: ephemeralMb,
  })
  .strict();

export type ProcessingConfig = z.infer<typeof processingSchema>;
export type EphemeralStorageConfig = z.infer<typeof ephemeralStorageSchema>;
