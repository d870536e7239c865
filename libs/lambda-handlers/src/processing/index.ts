/**
 * Streaming processing of transaction files (SPEC §5) as plain functions: no AWS code. Local disk
 * is used only when a file's transaction ids outgrow their memory budget (see ProcessOptions).
 */
export { parseAmountMinor } from './amount.js';
export { SUPPORTED_CURRENCIES } from './currencies.js';
export type { ByteSource } from './file-bytes.js';
export {
  DuplicateColumnError,
  GzipNotSplittableError,
  InvalidCompressionError,
  InvalidEncodingError,
  MalformedHeaderError,
  MissingColumnError,
  PermanentError,
  RecordTooLargeError,
  UnsupportedFormatError,
  type FileRejectReason,
} from './errors.js';
export { detectFormat, type FileFormat } from './file-format.js';
export { processTransactionStream } from './process-transaction-stream.js';
export { normalizeTimestamp } from './timestamp.js';
export {
  FIELD_TABLE,
  MALFORMED_ROW,
  OPTIONAL_FIELDS,
  OUTPUT_KEYS,
  REJECT_REASONS,
  REQUIRED_FIELDS,
  type FieldSpec,
  type RejectReason,
  type RequiredField,
} from './field-table.js';
export {
  type Aggregate,
  type NormalizedRecord,
  type ProcessOptions,
  type ProcessSinks,
  type ProcessingResult,
  type QuarantineEntry,
  type TransactionStatus,
} from './types.js';
export { TransactionIdIndex } from './transaction-id-index.js';
