import { z } from 'zod';
import { slug } from './primitives.js';

/** Another environment, as much of it as its physical names and its account need. */
export const environmentRef = z
  .object({
    /** Its environment name (`dev`, `staging`, `prod`). */
    environment: slug(10),
    /** Its environment suffix (`main`). */
    environmentSuffix: z.string().regex(/^[a-z0-9]{1,12}$/, { message: 'must be 1-12 lower-case letters or digits' }),
    /** Its AWS account. */
    accountId: z.string().regex(/^\d{12}$/, { message: 'must be a 12-digit AWS account id' }),
  })
  .strict();

/**
 * Reference data (SPEC §3.11): objects under `reference/` (currency tables, merchant lists, never
 * transactions) replicated from prod down to dev and staging by S3 replication.
 */
export const referenceDataSchema = z
  .object({
    /** Environments this one replicates its `reference/` prefix to (prod lists dev and staging; others none). */
    replicateTo: z.array(environmentRef).default([]),
    /** The environment whose replication role may write this one's `reference/` prefix (dev and staging name prod). */
    replicatedFrom: environmentRef.nullable().default(null),
  })
  .strict()
  .default({ replicateTo: [], replicatedFrom: null });

export type EnvironmentRef = z.infer<typeof environmentRef>;
export type ReferenceDataConfig = z.infer<typeof referenceDataSchema>;
