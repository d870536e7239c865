import { describe, expect, it } from 'vitest';
import { outputKeysOf, runKeyOf, sourceObjectOf } from '../../../src/pipeline/source-object.js';
import { UnsupportedFormatError } from '../../../src/processing/errors.js';

const env = { TABLE_NAME: 't', RAW_PREFIX: 'raw/', PROCESSED_PREFIX: 'processed/', QUARANTINE_PREFIX: 'quarantine/' };

describe('source object', () => {
  it('keys outputs by the object version, so a replay overwrites instead of duplicating', () => {
    expect(outputKeysOf({ key: 'raw/2026/11/tx.csv.gz', versionId: 'v1' }, env)).toEqual({
      records: 'processed/2026/11/tx.csv.gz/v1/records.jsonl',
      summary: 'processed/2026/11/tx.csv.gz/v1/summary.json',
      quarantineReport: 'quarantine/2026/11/tx.csv.gz/v1/rejected-rows.jsonl',
      quarantinedSource: 'quarantine/2026/11/tx.csv.gz/v1/source/tx.csv.gz',
    });
    expect(outputKeysOf({ key: 'raw/tx.csv', versionId: 'v2' }, env).records).not.toBe(outputKeysOf({ key: 'raw/tx.csv', versionId: 'v1' }, env).records);
  });

  it('derives one run key per object version from its LastModified', () => {
    const lastModified = new Date('2026-11-20T10:00:00.123Z');
    expect(runKeyOf({ bucket: 'b', key: 'raw/a.csv', versionId: 'v9' }, lastModified)).toEqual({ runId: 'b/raw/a.csv@v9', runTimestamp: 1795168800123 });
  });

  it("uses S3's 'null' version id for unversioned buckets", () => {
    expect(sourceObjectOf('b', { key: 'raw/a.jsonl' }, { size: 10, etag: 'e' })).toMatchObject({ versionId: 'null', format: { kind: 'jsonl', gzip: false } });
    expect(sourceObjectOf('b', { key: 'raw/a.jsonl', 'version-id': 'v3' }, { size: 10, etag: 'e', versionId: 'other' }).versionId).toBe('v3');
  });

  it('rejects a key that is not a supported transaction file', () => {
    expect(() => sourceObjectOf('b', { key: 'raw/a.xlsx' }, { size: 1, etag: 'e' })).toThrow(UnsupportedFormatError);
  });
});
