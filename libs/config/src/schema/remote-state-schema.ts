import { z } from 'zod';
import { awsRegion, slug } from './primitives.js';

/** Where another stack keeps its Terraform state: what `terraform_remote_state` (S3 backend) reads. */
export const stateLocationSchema = z
  .object({
    /** S3 bucket holding the other stack's state. */
    bucket: z.string().regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, { message: 'must be an S3 bucket name' }),
    /** Region of that bucket. */
    region: awsRegion,
    /** State key of the other stack, `{project}/{env}/{suffix}/{stack}.tfstate`. */
    key: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9/_.-]*\.tfstate$/, { message: 'must be a state key ending in .tfstate' }),
  })
  .strict();

/** The remote state every environment reads: DataPipeline-Shared-Stack's (the console's repository). */
export const SHARED_STATE = 'shared';

/**
 * Stacks this one reads outputs from, by the environment they deploy (`shared`, `prod`); a preview
 * environment reads the same states as the environment it is cut from.
 */
export const remoteStatesSchema = z.record(slug(10), stateLocationSchema).default({});

export type StateLocation = z.infer<typeof stateLocationSchema>;
export type RemoteStates = z.infer<typeof remoteStatesSchema>;
