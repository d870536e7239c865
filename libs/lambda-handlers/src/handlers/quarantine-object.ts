import { CopyObjectCommand } from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import { failureAlert, type FailureAlert } from '../pipeline/failure-alert.js';
import { headObject, openObject } from '../pipeline/object-io.js';
import { outputKeysOf, runKeyOf, versionIdOf, type RunKey, type S3EventObject } from '../pipeline/source-object.js';
import { pipelineStepRuntime } from '../runtime/pipeline-step-runtime.js';
import { failureFromWorkflowError } from '../runtime/failure.js';
import { pipelineHandler, type CorrelatedEvent } from '../runtime/pipeline-handler.js';

export interface QuarantineEvent extends CorrelatedEvent {
  readonly bucket: string;
  readonly object: S3EventObject;
  /** What the failed step raised, as Step Functions passes it to a Catch. */
  readonly error?: { readonly Error?: string; readonly Cause?: string };
  /** The environment the state machine runs in, for the alert. */
  readonly environment?: string;
}

export type QuarantineResult = RunKey & {
  readonly reason: string;
  /** The failure in one sentence, without a stack trace. */
  readonly message: string;
  readonly quarantineKey: string;
  /** What the state machine publishes to the alert topic. */
  readonly alert: FailureAlert;
};

/** CopyObject's size limit; larger objects are streamed through a multipart upload instead. */
const MAX_COPY_BYTES = 5 * 1024 ** 3;

const { env, clients, observability } = pipelineStepRuntime();

/**
 * Failure path. Bad input (PermanentError) is copied under `quarantine/` so nothing is lost and
 * the raw prefix only holds files still to process; other failures (retries exhausted) leave the
 * object in place for a replay. Either way it returns the run key, the reason and message to
 * record, and the readable alert to publish.
 */
export const handler = pipelineHandler<QuarantineEvent, QuarantineResult>(observability, async (event) => {
  const failure = failureFromWorkflowError(event.error);
  const head = await headObject(clients.s3, event.bucket, event.object.key, event.object['version-id']);
  const versionId = versionIdOf(event.object, head);
  const run = runKeyOf({ bucket: event.bucket, key: event.object.key, versionId }, head.lastModified);
  const result = (quarantineKey: string): QuarantineResult => ({
    ...run,
    reason: failure.reason,
    message: failure.message,
    quarantineKey,
    alert: failureAlert({ ...failure, environment: event.environment ?? 'unknown', bucket: event.bucket, key: event.object.key, versionId, runId: run.runId, quarantineKey }),
  });
  if (!failure.permanent) return result('');

  const target = outputKeysOf({ key: event.object.key, versionId }, env).quarantinedSource;
  if (head.size <= MAX_COPY_BYTES) {
    const source = `${event.bucket}/${encodeURIComponent(event.object.key).replaceAll('%2F', '/')}`;
    const version = versionId !== 'null' ? `?versionId=${encodeURIComponent(versionId)}` : '';
    await clients.s3.send(new CopyObjectCommand({ Bucket: event.bucket, Key: target, CopySource: `${source}${version}` }));
  } else {
    const body = await openObject(clients.s3, event.bucket, event.object.key, versionId);
    await new Upload({ client: clients.s3, params: { Bucket: event.bucket, Key: target, Body: body } }).done();
  }
  observability.logger.warn('object quarantined', { runId: run.runId, reason: failure.reason, quarantineKey: target });
  return result(target);
});
