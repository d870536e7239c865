import { describe, expect, it } from 'vitest';
import { failureAlert } from '../../../src/pipeline/failure-alert.js';

const run = {
  environment: 'staging',
  bucket: 'myapp-staging-data-main',
  key: 'raw/2026/01/card.csv',
  versionId: 'v42',
  runId: 'myapp-staging-data-main/raw/2026/01/card.csv@v42',
  reason: 'invalid_encoding',
  message: 'File is not UTF-8 text: invalid byte sequence or NUL byte near byte 0 (UTF-16, Latin-1 or binary?)',
  quarantineKey: 'quarantine/2026/01/card.csv/v42/source/card.csv',
};

describe('failureAlert', () => {
  it('is one readable sentence naming environment, object, reason, message, quarantine key and run id', () => {
    expect(failureAlert(run).message).toBe(
      'Pipeline run failed in staging: s3://myapp-staging-data-main/raw/2026/01/card.csv (version v42) was rejected with reason invalid_encoding. ' +
        'File is not UTF-8 text: invalid byte sequence or NUL byte near byte 0 (UTF-16, Latin-1 or binary?). ' +
        'The object was copied to s3://myapp-staging-data-main/quarantine/2026/01/card.csv/v42/source/card.csv and is not retried. ' +
        'Run myapp-staging-data-main/raw/2026/01/card.csv@v42.',
    );
  });

  it('carries the same facts as separate, non-empty attribute values', () => {
    expect(failureAlert({ ...run, quarantineKey: '', reason: 'States.Timeout' })).toMatchObject({
      subject: 'Pipeline run failed in staging: States.Timeout',
      environment: 'staging',
      reason: 'States.Timeout',
      runId: run.runId,
      object: 's3://myapp-staging-data-main/raw/2026/01/card.csv',
      quarantineKey: 'none',
    });
  });

  it('says the object was left in place when the failure was not bad input', () => {
    expect(failureAlert({ ...run, quarantineKey: '', reason: 'TransientError' }).message).toContain('The object was left in place; replay it once the cause is fixed.');
  });

  it('flattens a multi-line cause to one line and never grows past a few hundred characters', () => {
    const message = failureAlert({ ...run, message: `Error: boom\n    at a (x.js:1:1)\n${'    at b (y.js:2:2)\n'.repeat(200)}` }).message;
    expect(message).not.toContain('\n');
    expect(message.length).toBeLessThan(1000);
  });

  it('keeps the subject within SNS limits: 100 printable ASCII characters', () => {
    const { subject } = failureAlert({ ...run, environment: 'e'.repeat(10), reason: `ünïcode_${'x'.repeat(200)}` });
    expect(subject.length).toBeLessThanOrEqual(100);
    expect(subject).toMatch(/^[\x20-\x7e]+$/);
  });

  it('leaves out the version of an unversioned object', () => {
    expect(failureAlert({ ...run, versionId: 'null' }).message).toContain('s3://myapp-staging-data-main/raw/2026/01/card.csv was rejected');
  });
});
