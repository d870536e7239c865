import { describe, expect, it } from 'vitest';
import { PermanentError, UnsupportedFormatError } from '../../../src/processing/errors.js';
import { detectFormat } from '../../../src/processing/file-format.js';

describe('detectFormat', () => {
  it.each([
    ['raw/2026/01/tx.csv', { kind: 'csv', gzip: false }],
    ['raw/tx.jsonl', { kind: 'jsonl', gzip: false }],
    ['raw/tx.csv.gz', { kind: 'csv', gzip: true }],
    ['raw/tx.jsonl.gz', { kind: 'jsonl', gzip: true }],
    ['raw/TX.CSV', { kind: 'csv', gzip: false }],
    ['raw/tx.JsonL.Gz', { kind: 'jsonl', gzip: true }],
  ])('reads %s as %j', (key, format) => {
    expect(detectFormat(key)).toEqual(format);
  });

  it.each(['raw/tx.json', 'raw/tx.txt', 'raw/tx.gz', 'raw/tx.csv.zip', 'raw/tx', 'raw/tx.csv.gz.tmp', 'raw/csv'])(
    'rejects %s as unsupported_format (a PermanentError)',
    (key) => {
      let error: unknown;
      try {
        detectFormat(key);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(UnsupportedFormatError);
      expect(error).toBeInstanceOf(PermanentError);
      expect(error).toMatchObject({ reason: 'unsupported_format', key });
    },
  );
});
