import { describe, expect, it } from 'vitest';
import { runSummary } from '../../../src/pipeline/summary.js';

const source = { bucket: 'b', key: 'raw/a.csv', versionId: 'v1', etag: 'e', size: 10, format: { kind: 'csv' as const, gzip: false } };
const outputs = { records: 'r', summary: 's', quarantineReport: 'q', quarantinedSource: 'qs' };

describe('runSummary', () => {
  it('carries the source, counts, aggregates and output keys', () => {
    const aggregates = [{ accountId: 'a', currency: 'USD', date: '2026-01-01', transactionCount: 1, settledMinor: '100', pendingMinor: '0', reversedMinor: '0' }];
    const summary = runSummary(source, { records: { total: 3, valid: 1, quarantined: 2 }, aggregates, bytesRead: 99, bytesDecoded: 99 }, outputs);
    expect(summary).toEqual({ source: { bucket: 'b', key: 'raw/a.csv', versionId: 'v1' }, records: { total: 3, valid: 1, quarantined: 2 }, aggregates, bytes: 99, outputs });
  });

  it('refuses to write a summary whose counts do not add up', () => {
    expect(() => runSummary(source, { records: { total: 3, valid: 1, quarantined: 1 }, aggregates: [], bytesRead: 1, bytesDecoded: 1 }, outputs)).toThrow(
      'record counts do not add up: total 3 != valid 1 + quarantined 1',
    );
  });
});
