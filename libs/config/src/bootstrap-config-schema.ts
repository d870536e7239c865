import { z } from 'zod';
import { ConfigError, problemsFromIssues } from './config-error.js';
import { backendSchema } from './schema/platform-schema.js';
import { awsRegion, positiveInt, slug } from './schema/primitives.js';
import { stateLocationSchema } from './schema/remote-state-schema.js';

const accountId = z.string().regex(/^\d{12}$/, { message: 'must be a 12-digit AWS account id' });

/**
 * Everything `apps/infra-bootstrap-*` needs to prepare one AWS account for the platform (SPEC §4):
 * the state bucket, the GitHub OIDC provider, and a plan and a deploy role per environment hosted
 * in the account. Applied once per account by an administrator, never by CI.
 */
export const bootstrapConfigSchema = z
  .object({
    /** Short project name, as in the environment apps (state keys are `{project}/{env}/...`). */
    project: slug(12).default('myapp'),
    /** Terraform stack name, e.g. DataPipeline-Bootstrap-Dev-Stack. */
    stackName: z.string().regex(/^[A-Za-z][A-Za-z0-9-]{0,63}$/, { message: 'must be letters, digits and hyphens' }),
    /** The account being bootstrapped; the provider refuses credentials of any other. */
    accountId,
    /** Region of the state bucket and its key. */
    region: awsRegion,
    /** Value of the CostCenter tag. */
    costCenter: z.string().min(1).max(64),
    /** State bucket of this account (its name must hold the account id, the suffix of every bootstrap name); the environments' `backend.bucket` names it. */
    stateBucket: z.string().regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, { message: 'must be an S3 bucket name' }),
    /** Days a replaced state version is kept (recovers from a bad apply). */
    stateNoncurrentVersionDays: positiveInt(1, 3650).default(90),
    /** The GitHub repository whose workflows may assume the roles. */
    github: z
      .object({
        /** Organisation or user owning the repository. */
        owner: z.string().regex(/^[A-Za-z0-9-]{1,39}$/, { message: 'must be a GitHub owner name' }),
        /** Repository name. */
        repository: z.string().regex(/^[A-Za-z0-9._-]{1,100}$/, { message: 'must be a GitHub repository name' }),
      })
      .strict(),
    /** Whether this stack creates the account's GitHub OIDC provider (false: one exists already). */
    createOidcProvider: z.boolean().default(true),
    /** Environments deployed into this account; each gets a plan role and a deploy role. */
    environments: z.array(slug(10)).min(1),
    /** Environment whose account hosts PR previews (suffix pr<N>); it gets a preview deploy role. Null: no previews here. */
    previewEnvironment: slug(10).nullable().default(null),
    /** Where this stack's own state lives: the bucket it creates (migrated there after the first apply). */
    backend: backendSchema,
    /**
     * Other stacks' states an environment of this account reads (its `remoteStates`): that
     * environment's CI roles may read that one object and decrypt it through S3, nothing more.
     */
    stateReads: z
      .array(
        stateLocationSchema
          .extend({
            /** The reading environment (one of `environments`). */
            environment: slug(10),
            /** Account owning the state bucket and its key. */
            accountId,
          })
          .strict(),
      )
      .default([]),
    /** Environments of other accounts that read a state in this account's bucket: their CI roles are admitted to that object and to the state key through S3. */
    stateReaders: z
      .array(
        z
          .object({
            /** The state key read, `{project}/{env}/{suffix}/{stack}.tfstate`. */
            key: stateLocationSchema.shape.key,
            /** The reading environments and their accounts. */
            readers: z.array(z.object({ environment: slug(10), accountId }).strict()).min(1),
          })
          .strict(),
      )
      .default([]),
  })
  .strict()
  .superRefine((config, ctx) => {
    if (config.previewEnvironment && !config.environments.includes(config.previewEnvironment)) {
      ctx.addIssue({ code: 'custom', path: ['previewEnvironment'], message: `must be one of the environments of this account (${config.environments.join(', ')})` });
    }
    (config.stateReads ?? []).forEach((read, index) => {
      if (config.environments && !config.environments.includes(read.environment)) {
        ctx.addIssue({ code: 'custom', path: ['stateReads', index, 'environment'], message: `must be one of the environments of this account (${config.environments.join(', ')})` });
      }
    });
    (config.stateReaders ?? []).forEach((entry, index) =>
      entry.readers.forEach((reader, readerIndex) => {
        if (reader.accountId === config.accountId) {
          ctx.addIssue({ code: 'custom', path: ['stateReaders', index, 'readers', readerIndex, 'accountId'], message: 'must be another account (an environment of this account reads through stateReads)' });
        }
      }),
    );
    if (new Set(config.environments).size !== config.environments.length) {
      ctx.addIssue({ code: 'custom', path: ['environments'], message: 'must not name an environment twice' });
    }
  });

/** Validated bootstrap config with every default applied. */
export type BootstrapConfig = z.infer<typeof bootstrapConfigSchema>;

/** Validates a bootstrap app's context; throws a {@link ConfigError} listing every problem. */
export function loadBootstrapConfig(context: unknown): BootstrapConfig {
  const result = bootstrapConfigSchema.safeParse(context);
  if (!result.success) throw new ConfigError('bootstrap', problemsFromIssues(result.error.issues, context));
  return result.data;
}
