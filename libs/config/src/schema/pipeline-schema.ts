import { z } from 'zod';
import { rejectDuplicates } from './cross-field-rules.js';
import { ephemeralStorageSchema } from './processing-schema.js';
import { logRetentionDays, positiveInt } from './primitives.js';

const lambdaMemoryMb = positiveInt(128, 10240);
/** Reserved concurrent executions of one function; null reserves none (the account's unreserved pool). */
const reservedExecutions = positiveInt(0, 10000).nullable();

export const lambdaSchema = z
  .object({
    /** Memory of the processing (validate/transform) functions, MB. */
    processingMemoryMb: lambdaMemoryMb,
    /** Memory of the API function, MB. */
    apiMemoryMb: lambdaMemoryMb,
    /** Timeout of the processing functions, seconds (Lambda maximum is 900). */
    processingTimeoutSeconds: positiveInt(1, 900).default(300),
    /**
     * Timeout of the fan-out's two whole-file steps, the merge and the assembly, seconds. Each
     * handles every shard of one file (the merge ~1 s of CPU per GiB of file, the assembly a
     * multipart copy of all records), so they grow with the file, not with a shard: Lambda's
     * maximum by default.
     */
    fanOutStepTimeoutSeconds: positiveInt(1, 900).default(900),
    /** Active X-Ray tracing for Lambdas and the state machine. */
    tracing: z.boolean(),
    /** Reserved concurrency per function kind (SPEC §2); null where the account's quota is too low to reserve any. */
    reservedConcurrency: z
      .object({
        /** Each processing function (validate, transform, quarantine). */
        processing: reservedExecutions,
        /** The API function. */
        api: reservedExecutions,
      })
      .strict()
      .default({ processing: null, api: null }),
    /** /tmp per function, MB (see ephemeralStorageSchema); every function gets 512 unless named. */
    ephemeralStorageMb: ephemeralStorageSchema.prefault({}),
  })
  .strict();

export const bucketSchema = z
  .object({
    /** Days after which current object versions expire. */
    expirationDays: positiveInt(1, 3650),
    /** Days after which objects move to Glacier Flexible Retrieval; null keeps them in Standard. */
    glacierTransitionDays: positiveInt(1, 3650).nullable().default(null),
    /** Days after which noncurrent versions are deleted. */
    noncurrentVersionExpirationDays: positiveInt(1, 3650).default(30),
    /** Object versioning (protects against overwrite; required for idempotent replays by versionId). */
    versioning: z.boolean().default(true),
  })
  .strict()
  .refine((b) => b.glacierTransitionDays === null || b.glacierTransitionDays < b.expirationDays, {
    message: 'glacierTransitionDays must be less than expirationDays (S3 rejects the rule otherwise)',
    path: ['glacierTransitionDays'],
  })
  .refine((b) => b.noncurrentVersionExpirationDays <= b.expirationDays, {
    message: 'must not be longer than expirationDays (an old version would outlive the current one)',
    path: ['noncurrentVersionExpirationDays'],
  });

export const tableSchema = z
  .object({
    /** Billing: on-demand, or provisioned with fixed read/write capacity units. */
    billing: z.discriminatedUnion('mode', [
      z.object({ mode: z.literal('onDemand') }).strict(),
      z
        .object({
          mode: z.literal('provisioned'),
          /** Read capacity units. */
          readCapacity: positiveInt(1, 40000),
          /** Write capacity units. */
          writeCapacity: positiveInt(1, 40000),
        })
        .strict(),
    ]),
    /** Point-in-time recovery (35-day continuous backups). */
    pointInTimeRecovery: z.boolean().default(true),
  })
  .strict();

export const logsSchema = z
  .object({
    /** Retention of every log group the stack creates, days. */
    retentionDays: logRetentionDays,
  })
  .strict();

export const alertsSchema = z
  .object({
    /** E-mail endpoints subscribed to the alert topic. */
    emails: z.array(z.email()).default([]),
  })
  .strict()
  .superRefine((alerts, ctx) => rejectDuplicates(alerts.emails, ['emails'], ctx, (email) => email.toLowerCase()));

export type LambdaConfig = z.infer<typeof lambdaSchema>;
export type BucketConfig = z.infer<typeof bucketSchema>;
export type TableConfig = z.infer<typeof tableSchema>;
export type LogsConfig = z.infer<typeof logsSchema>;
export type AlertsConfig = z.infer<typeof alertsSchema>;
