import { z } from 'zod';
import { ConfigError, problemsFromIssues } from './config-error.js';
import { backendSchema } from './schema/platform-schema.js';
import { awsRegion, positiveInt, slug } from './schema/primitives.js';
import { environmentRef } from './schema/reference-data-schema.js';

const accountId = z.string().regex(/^\d{12}$/, { message: 'must be a 12-digit AWS account id' });

/**
 * `apps/infra-shared` (SPEC §1): the one stack every environment reads through remote state. It
 * deploys first in the promotion order (shared → dev → staging → prod).
 */
export const sharedConfigSchema = z
  .object({
    /** Short project name, as in the environment apps. */
    project: slug(12).default('myapp'),
    /** Always `shared`: the name in physical names, tags and the state key. */
    environment: z.literal('shared'),
    /** Uniqueness suffix in every physical name; environments and their previews read this one state. */
    environmentSuffix: z.string().regex(/^[a-z0-9]{1,12}$/, { message: 'must be 1-12 lower-case letters or digits' }),
    /** Terraform stack name: DataPipeline-Shared-Stack. */
    stackName: z.string().regex(/^[A-Za-z][A-Za-z0-9-]{0,63}$/, { message: 'must be letters, digits and hyphens' }),
    /** Account holding the shared resources; the provider refuses any other. */
    accountId,
    /** Region of every shared resource. */
    region: awsRegion,
    /** Value of the CostCenter tag. */
    costCenter: z.string().min(1).max(64),
    /** Data protection as in prod: the repository and its key survive a mistaken destroy. */
    protection: z.boolean().default(true),
    consoleRepository: z
      .object({
        /** Images kept by the lifecycle policy; older ones expire (a deployed digest must be among them). */
        keepImages: positiveInt(1, 1000).default(30),
        /** Accounts whose ECS task execution roles may pull the console image (the environments' accounts). */
        pullAccountIds: z.array(accountId).min(1),
      })
      .strict(),
    /**
     * The environments the cross-environment dashboard puts side by side, in this order. Their
     * metrics are read from their own accounts, in this stack's region (CloudWatch cross-account
     * observability must link each account to this one).
     */
    dashboardEnvironments: z.array(environmentRef).min(1),
    /** Where this stack's own state lives. */
    backend: backendSchema,
  })
  .strict();

/** Raw shared config as written in cdktf.json. */
export type SharedConfigInput = z.input<typeof sharedConfigSchema>;
/** Validated shared config with every default applied. */
export type SharedConfig = z.infer<typeof sharedConfigSchema>;

/** Validates the shared app's context; throws a {@link ConfigError} listing every problem. */
export function loadSharedConfig(context: unknown): SharedConfig {
  const result = sharedConfigSchema.safeParse(context);
  if (!result.success) throw new ConfigError('shared', problemsFromIssues(result.error.issues, context));
  return result.data;
}
