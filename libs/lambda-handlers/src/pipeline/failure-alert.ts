/** What the failure path knows about a failed run. */
export interface FailedRun {
  readonly environment: string;
  readonly bucket: string;
  readonly key: string;
  readonly versionId: string;
  readonly runId: string;
  readonly reason: string;
  readonly message: string;
  /** Where the object was copied; empty when it was left in place (not bad input). */
  readonly quarantineKey: string;
}

/**
 * The alert for a failed run, ready for SNS: a subject, one readable paragraph, and the same facts
 * as separate values the state machine sends as message attributes (so subscribers can filter on
 * reason or environment). Every value is non-empty, as SNS requires of attributes.
 */
export interface FailureAlert {
  readonly subject: string;
  readonly message: string;
  readonly environment: string;
  readonly reason: string;
  readonly runId: string;
  readonly object: string;
  readonly quarantineKey: string;
}

/** SNS subjects: at most 100 characters, printable ASCII, no line breaks. */
const MAX_SUBJECT = 100;
/** Enough for any PermanentError's message; longer ones (a raw service error) are cut. */
const MAX_DETAIL = 600;

/** One line of printable text: whitespace runs (line breaks in a cause) become one space. */
function oneLine(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

export function failureAlert(run: FailedRun): FailureAlert {
  const object = `s3://${run.bucket}/${run.key}`;
  const version = run.versionId === 'null' ? '' : ` (version ${run.versionId})`;
  const detail = oneLine(run.message, MAX_DETAIL).replace(/\.?$/, '.');
  const outcome = run.quarantineKey
    ? `The object was copied to s3://${run.bucket}/${run.quarantineKey} and is not retried.`
    : 'The object was left in place; replay it once the cause is fixed.';
  const message = `Pipeline run failed in ${run.environment}: ${object}${version} was rejected with reason ${run.reason}. ${detail} ${outcome} Run ${run.runId}.`;
  const subject = oneLine(`Pipeline run failed in ${run.environment}: ${run.reason}`, MAX_SUBJECT).replace(/[^\x20-\x7e]/g, '?');
  return {
    subject,
    message,
    environment: run.environment,
    reason: run.reason || 'unknown',
    runId: run.runId,
    object,
    quarantineKey: run.quarantineKey || 'none',
  };
}
