import type { Naming } from '@data-platform/config';
import type { ArnScope } from './iam/arns.js';

/**
 * What every construct of an environment stack is handed by the stack: how to name its resources,
 * which account and region its ARNs and IAM conditions point at, and the environment's one
 * customer-managed key (logs, queues, topics, state machines, tables and clusters are all encrypted
 * with it). Props interfaces extend this rather than restating the three, so they read as what is
 * particular to the construct.
 */
export interface EnvironmentContextProps {
  readonly naming: Naming;
  /** Region and account of the environment (resource ARNs, confused-deputy conditions, key policies). */
  readonly arnScope: ArnScope;
  /** ARN of the environment's customer-managed KMS key. */
  readonly kmsKeyArn: string;
}
