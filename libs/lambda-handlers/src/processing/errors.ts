/**
 * Errors that reject a whole file. They mean "this input can never succeed": the state machine
 * routes them to the failure path (quarantine the object, record, alert) instead of retrying.
 * Anything else thrown while processing (a broken connection, a sink failure) stays an ordinary
 * error and is retried.
 */

/**
 * Why a whole file was rejected; `invalid_encoding`, `missing_column` and `duplicate_column` are
 * SPEC §5's, the rest guard the stream.
 */
export type FileRejectReason =
  | 'unsupported_format'
  | 'invalid_encoding'
  | 'missing_column'
  | 'duplicate_column'
  | 'malformed_header'
  | 'invalid_compression'
  | 'record_too_large'
  | 'gzip_not_splittable';

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

/** The file is not UTF-8 text: an invalid UTF-8 sequence (UTF-16, Latin-1, binary) or a NUL byte. */
export class InvalidEncodingError extends PermanentError {
  constructor(readonly byteOffset: number) {
    super('invalid_encoding', `File is not UTF-8 text: invalid byte sequence or NUL byte near byte ${byteOffset} (UTF-16, Latin-1 or binary?)`);
    this.name = 'InvalidEncodingError';
  }
}

/** The CSV header names a column more than once; `columns` lists each such name once. */
export class DuplicateColumnError extends PermanentError {
  constructor(readonly columns: readonly string[]) {
    super('duplicate_column', `CSV header names column(s) more than once: ${columns.join(', ')}`);
    this.name = 'DuplicateColumnError';
  }
}

/** The CSV header line does not split into cells (its quotes don't balance). */
export class MalformedHeaderError extends PermanentError {
  constructor(readonly header: string) {
    super('malformed_header', `CSV header on line 1 does not split into columns (unbalanced quotes): ${JSON.stringify(header.slice(0, 120))}`);
    this.name = 'MalformedHeaderError';
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

/** One line grew past the size limit without ending: a file without line breaks, binary or runaway. */
export class RecordTooLargeError extends PermanentError {
  constructor(
    readonly line: number,
    readonly limitBytes: number,
  ) {
    super('record_too_large', `Line ${line} exceeds ${limitBytes} bytes`);
    this.name = 'RecordTooLargeError';
  }
}

/**
 * A gzipped file too large for one function (above the fan-out threshold): a gzip stream can only
 * be decoded from its start, so it cannot be cut into byte ranges for the fan-out path.
 */
export class GzipNotSplittableError extends PermanentError {
  constructor(
    readonly sizeBytes: number,
    readonly fanOutAboveBytes?: number,
  ) {
    const above = fanOutAboveBytes === undefined ? 'above the fan-out threshold' : `above the fan-out threshold of ${fanOutAboveBytes} bytes`;
    super('gzip_not_splittable', `A gzip file of ${sizeBytes} bytes is ${above}: gzip cannot be split at byte ranges; upload it uncompressed, or as gzip files below the threshold`);
    this.name = 'GzipNotSplittableError';
  }
}
