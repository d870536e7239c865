import { claimRun } from '../pipeline/run-store.js';
import { runKeyOf, sourceObjectOf, type RunKey, type S3EventObject, type SourceObject } from '../pipeline/source-object.js';
import { headObject } from '../pipeline/object-io.js';
import { PermanentError } from '../processing/index.js';
import { pipelineStepRuntime } from '../runtime/pipeline-step-runtime.js';
import { pipelineHandler, type CorrelatedEvent } from '../runtime/pipeline-handler.js';

export interface ValidateEvent extends CorrelatedEvent {
  readonly bucket: string;
  readonly object: S3EventObject;
}

export type ValidateResult = SourceObject & RunKey & { readonly alreadyProcessed: boolean };

const { env, clients, observability } = pipelineStepRuntime();

/**
 * First step: the object must exist, be non-empty and have a supported type; then its run is
 * claimed (idempotency), and a version processed before is reported as such.
 */
export const handler = pipelineHandler<ValidateEvent, ValidateResult>(observability, async (event) => {
  const head = await headObject(clients.s3, event.bucket, event.object.key, event.object['version-id']);
  const source = sourceObjectOf(event.bucket, event.object, head);
  if (source.size === 0) throw new PermanentError('empty_file', `Object s3://${source.bucket}/${source.key} is empty`);
  const run = runKeyOf(source, head.lastModified);
  const { alreadyProcessed } = await claimRun(clients.dynamo, env.TABLE_NAME, run, source, new Date());
  observability.logger.info(alreadyProcessed ? 'object version already processed' : 'run claimed', { runId: run.runId });
  return { ...source, ...run, alreadyProcessed };
});
