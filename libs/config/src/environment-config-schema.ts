import { z } from 'zod';
import { networkSchema } from './schema/network-schema.js';
import { alertsSchema, bucketSchema, lambdaSchema, logsSchema, tableSchema } from './schema/pipeline-schema.js';
import { processingSchema } from './schema/processing-schema.js';
import { alarmsSchema, apiSchema, backendSchema, databaseSchema, serviceSchema } from './schema/platform-schema.js';
import { referenceDataSchema } from './schema/reference-data-schema.js';
import { remoteStatesSchema, SHARED_STATE } from './schema/remote-state-schema.js';
import { checkEnvSpecificResources, checkServiceEndpoints } from './schema/cross-field-rules.js';
import { awsRegion, slug } from './schema/primitives.js';

/** Construct path of prod's reference-data replication (libs/constructs reference/reference-replication). */
export const REFERENCE_REPLICATION_PATH = 'reference-replication';
/** Construct paths of item replication: prod's pipe and Express workflow, and the writer role of each environment it writes to. */
export const REFERENCE_ITEMS_PATHS = { source: 'reference-items', destination: 'reference-writer' } as const;

/** Construct path of the RAM share that lets another account clone the cluster (libs/constructs database/clone-share). */
export const DATABASE_SHARE_PATH = 'database/clone-share';

/**
 * Every knob that may differ between environments. Per-environment values live in each app's
 * `cdktf.json` `context`; anything not listed here is identical everywhere by construction.
 */
export const environmentConfigSchema = z
  .object({
    /** Short project name, first part of bucket names (`{project}-{env}-data-{suffix}`). */
    project: slug(12).default('myapp'),
    /** Environment name as it appears in names, tags, the API stage and SSM paths. */
    environment: slug(10),
    /** Uniqueness suffix in every physical name (PR environments); ENVIRONMENT_SUFFIX overrides it. */
    environmentSuffix: z
      .string()
      .regex(/^[a-z0-9]{1,12}$/, { message: 'must be 1-12 lower-case letters or digits' }),
    /** Terraform stack name, e.g. DataPipeline-Dev-Stack. */
    stackName: z.string().regex(/^[A-Za-z][A-Za-z0-9-]{0,63}$/, { message: 'must be letters, digits and hyphens' }),
    /** AWS account the environment deploys to (key policies, trust conditions, provider guard). */
    accountId: z.string().regex(/^\d{12}$/, { message: 'must be a 12-digit AWS account id' }),
    /** AWS region of every resource in the stack. */
    region: awsRegion,
    /** Value of the CostCenter tag. */
    costCenter: z.string().min(1).max(64),
    /**
     * Data protection: when on, tables (and the database) have deletion protection, data buckets lose
     * `force_destroy`, the KMS key waits 30 days before deletion, and every store carries
     * `prevent_destroy`, so a mistaken destroy or replacement fails before touching data. On in prod;
     * off in dev, staging and every preview environment (ENVIRONMENT_SUFFIX), which must be destroyable.
     */
    protection: z.boolean().default(false),
    /** Resource types this environment has and the others lack on purpose (parity check allow-list). */
    envSpecificResources: z.array(z.string()).default([]),
    network: networkSchema,
    lambda: lambdaSchema,
    processing: processingSchema.prefault({}),
    bucket: bucketSchema,
    table: tableSchema,
    logs: logsSchema,
    alerts: alertsSchema,
    database: databaseSchema,
    api: apiSchema,
    service: serviceSchema,
    alarms: alarmsSchema,
    backend: backendSchema,
    /** States of the stacks this one reads (`shared` for every environment, `prod` for a staging clone). */
    remoteStates: remoteStatesSchema,
    referenceData: referenceDataSchema,
  })
  .strict()
  .superRefine((config, ctx) => {
    // zod runs these even when a field failed its own check: judge only values that passed theirs.
    if (!awsRegion.safeParse(config.region).success || config.network === undefined) return;
    config.network.availabilityZones.forEach((zone, index) => {
      if (!zone.startsWith(config.region)) {
        ctx.addIssue({
          code: 'custom',
          path: ['network', 'availabilityZones', index],
          message: `must be a zone of region ${config.region}`,
        });
      }
    });
    // A cluster shared for cloning carries a RAM share the other environments lack.
    const databaseOwn = (config.database?.shareWithAccountIds ?? []).length > 0 ? [DATABASE_SHARE_PATH] : [];
    // Only the environment that replicates reference data down carries the replication,
    // and an environment replicated into carries the role the source's item replication writes through.
    const replicationOwn = [
      ...((config.referenceData?.replicateTo ?? []).length > 0 ? [REFERENCE_REPLICATION_PATH, REFERENCE_ITEMS_PATHS.source] : []),
      ...(config.referenceData?.replicatedFrom ? [REFERENCE_ITEMS_PATHS.destination] : []),
    ];
    checkEnvSpecificResources(config.envSpecificResources, config.network, ctx, [...databaseOwn, ...replicationOwn]);
    checkServiceEndpoints(config.network, ctx);
    const reserved = config.lambda?.reservedConcurrency?.processing;
    if (config.processing !== undefined && typeof reserved === 'number' && reserved >= 0 && config.processing.maxConcurrency > reserved) {
      ctx.addIssue({
        code: 'custom',
        path: ['processing', 'maxConcurrency'],
        message: `must not exceed lambda.reservedConcurrency.processing (${reserved}): the map would throttle its own shard workers`,
      });
    }
    if (config.remoteStates && !config.remoteStates[SHARED_STATE]) {
      // The console image's repository is the shared stack's, read from its state rather than named by convention.
      ctx.addIssue({ code: 'custom', path: ['remoteStates', SHARED_STATE], message: "must give the shared stack's state (the console image's repository is read from there)" });
    }
    if (config.database?.cloneFrom === config.environment) {
      ctx.addIssue({ code: 'custom', path: ['database', 'cloneFrom'], message: 'must name another environment (a cluster cannot be cloned from itself)' });
    } else if (config.database?.cloneFrom && config.remoteStates && !config.remoteStates[config.database.cloneFrom]) {
      // The source cluster is found through its stack's state, never by a naming convention.
      ctx.addIssue({ code: 'custom', path: ['remoteStates', config.database.cloneFrom], message: `must give the state of ${config.database.cloneFrom} (database.cloneFrom reads its cluster from there)` });
    }
  });

/** Raw config as written in cdktf.json (defaults not applied). */
export type EnvironmentConfigInput = z.input<typeof environmentConfigSchema>;
/** Validated config with every default applied. */
export type EnvironmentConfig = z.infer<typeof environmentConfigSchema>;
