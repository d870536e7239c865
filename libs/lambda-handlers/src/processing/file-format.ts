import { UnsupportedFormatError } from './errors.js';

/** How a transaction file is encoded, derived from its S3 key. */
export type FileFormat = { kind: 'csv' | 'jsonl'; gzip: boolean };

const FORMAT_BY_SUFFIX: ReadonlyArray<readonly [suffix: string, format: FileFormat]> = [
  ['.csv.gz', { kind: 'csv', gzip: true }],
  ['.jsonl.gz', { kind: 'jsonl', gzip: true }],
  ['.csv', { kind: 'csv', gzip: false }],
  ['.jsonl', { kind: 'jsonl', gzip: false }],
];

/**
 * From an S3 key: `.csv`, `.jsonl`, `.csv.gz`, `.jsonl.gz` (case-insensitive).
 * Anything else throws {@link UnsupportedFormatError} (a PermanentError).
 */
export function detectFormat(key: string): FileFormat {
  const lower = key.toLowerCase();
  for (const [suffix, format] of FORMAT_BY_SUFFIX) {
    if (lower.endsWith(suffix)) {
      return { ...format };
    }
  }
  throw new UnsupportedFormatError(key);
}
