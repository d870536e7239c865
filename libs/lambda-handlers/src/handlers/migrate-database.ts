import { maskFreshClone } from '../database/clone-masking.js';
import { classifyDatabaseError } from '../database/database-errors.js';
import { migrate } from '../database/migrate.js';
import { databaseConnection } from '../runtime/database-connection.js';
import { createObservability, pipelineHandler } from '../runtime/pipeline-handler.js';

export interface MigrateResult {
  /** Versions applied by this call; empty when the schema was already current. */
  readonly applied: string[];
  /** Whether the clone masking hook ran (a freshly cloned cluster only). */
  readonly masked: boolean;
}

/** Set on a cluster cloned from another environment's (database.cloneFrom): its masking hook runs once. */
const clonedFrom = process.env['DB_CLONED_FROM'] || undefined;

const database = databaseConnection();
const observability = createObservability();

/**
 * Applies pending SQL migrations as the master user (the only one allowed DDL and CREATE ROLE).
 * Invoked by Terraform on every deploy whose migration files changed (aws_lambda_invocation), and
 * by the local run before its first execution: the schema is current before the load step runs.
 */
export const handler = pipelineHandler<Record<string, never>, MigrateResult>(observability, async () => {
  try {
    const session = await database();
    const applied = await migrate(session);
    const masked = clonedFrom ? await maskFreshClone(session, clonedFrom) : false;
    observability.logger.info('migrations applied', { applied, masked });
    return { applied, masked };
  } catch (error) {
    throw classifyDatabaseError(error);
  }
});
