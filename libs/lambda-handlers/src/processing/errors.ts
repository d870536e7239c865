/**
 * Errors that reject a whole file. They mean "this input can never succeed": the state machine
 * routes them to the failure path (quarantine the object, record, alert) instead of retrying.
 * Anything else thrown while processing (a broken connection, a sink failure) stays an ordinary
 * error and is retried.
 */

/** Why a whole file was rejected; `missing_column` is the one SPEC §5 names, the rest guard the stream. */
export type FileRejectReason =
  | 'unsupported_format'
  | 'missing_column'
  | 'invalid_compression'
  | 'record_too_large';

/** Bad input: goes down the failure path, never retried. `reason` is a stable machine-readable code. */
export class PermanentError extends Error {
  readonly reason: string;

  constructor(reason: string, message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'PermanentError';
    this.reason = reason;
  }
}

/** The object key does not end in `.csv`, `.jsonl`, `.csv.gz` or `.jsonl.gz`. */
export class UnsupportedFormatError extends PermanentError {
  constructor(readonly key: string) {
    super('unsupported_format', `Unsupported file type for '${key}': expected .csv, .jsonl, .csv.gz or .jsonl.gz`);
    this.name = 'UnsupportedFormatError';
  }
}

/** The CSV header lacks one or more required columns; `columns` lists them in SPEC order. */
export class MissingColumnError extends PermanentError {
  readonly columns: string[];

  constructor(columns: readonly string[]) {
    super('missing_column', `CSV header is missing required column(s): ${columns.join(', ')}`);
    this.name = 'MissingColumnError';
    this.columns = [...columns];
  }
}

/** A `.gz` object that is not valid gzip (corrupt or truncated). */
export class InvalidCompressionError extends PermanentError {
  constructor(cause: unknown) {
    super('invalid_compression', `Not a valid gzip stream: ${cause instanceof Error ? cause.message : String(cause)}`, {
      cause,
    });
    this.name = 'InvalidCompressionError';
  }
}

/**
 * One record grew past the size limit without ending, almost always an unterminated quote that
 * would otherwise swallow the rest of the file into memory.
 */
export class RecordTooLargeError extends PermanentError {
  constructor(
    readonly line: number,
    readonly limitBytes: number,
  ) {
    super('record_too_large', `Record starting on line ${line} exceeds ${limitBytes} bytes (unterminated quote?)`);
    this.name = 'RecordTooLargeError';
  }
}
