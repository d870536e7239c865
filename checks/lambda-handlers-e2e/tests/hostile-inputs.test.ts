import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { QuarantineEntry } from '@data-platform/lambda-handlers';
import { lambdaContext, startLocalPipeline, workflowErrorOf, type LocalPipeline } from './pipeline-harness.js';

/*
 * Hostile files through the pipeline's handlers against the emulators (validate → transform, and
 * on a PermanentError the failure path's quarantine step), as SPEC §5 promises: nothing is lost.
 * A file either succeeds with every non-blank data line counted once (data lines = valid +
 * quarantined, each bad line in the quarantine report with its reason), or is rejected whole with
 * a file-level reason and copied under quarantine/.
 */

const HEADER = 'transaction_id,account_id,timestamp,currency,amount,status,merchant';

function row(id: string, overrides: { amount?: string; merchant?: string; currency?: string; status?: string } = {}): string {
  const { amount = '10.00', merchant = 'Shop', currency = 'USD', status = 'settled' } = overrides;
  return `${id},acc-1,2026-01-15T10:00:00Z,${currency},${amount},${status},${merchant}`;
}

function csv(...rows: string[]): string {
  return `${[HEADER, ...rows].join('\n')}\n`;
}

function jsonLine(fields: Record<string, unknown>): string {
  return JSON.stringify({ transaction_id: 'j1', account_id: 'acc-1', timestamp: '2026-01-15T10:00:00Z', currency: 'USD', amount: '1.00', status: 'settled', ...fields });
}

/** Non-blank lines after the CSV header (every line of a JSON Lines file): what must be counted. */
function dataLines(text: string, format: 'csv' | 'jsonl'): number {
  const lines = text.split('\n').filter((line) => line.replace(/\r$/, '').trim().length > 0);
  return format === 'csv' ? Math.max(0, lines.length - 1) : lines.length;
}

interface Outcome {
  readonly records: { total: number; valid: number; quarantined: number };
  readonly quarantined: QuarantineEntry[];
}

describe('hostile input files through the pipeline handlers', () => {
  let pipeline: LocalPipeline;
  let serial = 0;

  beforeAll(async () => {
    pipeline = await startLocalPipeline();
  });

  afterAll(async () => {
    await pipeline?.aws.stop();
  });

  /** Runs validate → transform on `body` stored as `name`; the run must succeed. */
  async function processed(name: string, body: string | Uint8Array): Promise<Outcome> {
    const run = await pipeline.validate(await pipeline.put(`raw/hostile-${++serial}/${name}`, body), lambdaContext('validate'));
    const result = await pipeline.transform({ run }, lambdaContext('transform'));
    const report = (await pipeline.text(result.outputs.quarantineReport)).split('\n').filter((line) => line.length > 0);
    const quarantined = report.map((line) => JSON.parse(line) as QuarantineEntry);
    expect(quarantined).toHaveLength(result.records.quarantined);
    expect(result.records.total).toBe(result.records.valid + result.records.quarantined);
    return { records: result.records, quarantined };
  }

  /** Like {@link processed}, and checks the invariant: every non-blank data line is valid or quarantined. */
  async function processedText(name: string, text: string): Promise<Outcome> {
    const outcome = await processed(name, text);
    const format = name.includes('.jsonl') ? 'jsonl' : 'csv';
    expect(outcome.records.valid + outcome.records.quarantined).toBe(dataLines(text, format));
    return outcome;
  }

  /** Runs a file that must be rejected whole: the failure path quarantines it under its reason. */
  async function rejected(name: string, body: string | Uint8Array): Promise<{ reason: string; message: string }> {
    const event = await pipeline.put(`raw/hostile-${++serial}/${name}`, body);
    const error = await pipeline
      .validate(event, lambdaContext('validate'))
      .then((run) => pipeline.transform({ run }, lambdaContext('transform')))
      .then(
        () => undefined,
        (thrown: unknown) => thrown,
      );
    expect(error).toMatchObject({ name: 'PermanentError' });
    const result = await pipeline.quarantine({ ...event, error: workflowErrorOf(error), environment: 'e2e' }, lambdaContext('quarantine'));
    expect(result.alert.message).toContain(`was rejected with reason ${result.reason}. ${result.message}`);
    expect(result.quarantineKey).toMatch(/^quarantine\//);
    // Byte for byte (Buffer.equals: a deep toEqual of megabytes is slow).
    expect(Buffer.from(await pipeline.bytes(result.quarantineKey)).equals(Buffer.from(body))).toBe(true);
    expect(result.message).not.toMatch(/\n\s+at /); // a sentence, not a stack trace
    return { reason: result.reason, message: result.message };
  }

  const reasons = (outcome: Outcome): [number, string][] => outcome.quarantined.map((entry) => [entry.line, entry.reason]);

  describe('stray and unterminated quotes cost one line each', () => {
    it('a stray opening quote on the first data line', async () => {
      const outcome = await processedText('start.csv', csv(row('t1', { merchant: '"Bob\'s Diner' }), row('t2'), row('t3')));
      expect(reasons(outcome)).toEqual([[2, 'malformed_row']]);
      expect(outcome.quarantined[0]).toMatchObject({ raw: row('t1', { merchant: '"Bob\'s Diner' }), record: {} });
    });

    it("the issue's file: a stray quote on line 5 of 14 data lines", async () => {
      const rows = Array.from({ length: 14 }, (_, i) => row(`t${i + 1}`, { merchant: i === 3 ? '"Bob\'s Diner' : 'Shop' }));
      const outcome = await processedText('middle.csv', csv(...rows));
      expect(outcome.records).toEqual({ total: 14, valid: 13, quarantined: 1 });
      expect(reasons(outcome)).toEqual([[5, 'malformed_row']]);
    });

    it('an unterminated quote on the last line, without a final line break', async () => {
      const outcome = await processedText('end.csv', `${HEADER}\n${row('t1')}\n${row('t2', { merchant: '"never closed' })}`);
      expect(reasons(outcome)).toEqual([[3, 'malformed_row']]);
    });

    it('a quote inside an unquoted field', async () => {
      const outcome = await processedText('inner.csv', csv(row('t1', { merchant: 'Bob "The" Diner' }), row('t2')));
      expect(reasons(outcome)).toEqual([[2, 'malformed_row']]);
    });

    it('text after a closing quote', async () => {
      const outcome = await processedText('after.csv', csv(row('t1', { merchant: '"Bob"s' }), row('t2')));
      expect(reasons(outcome)).toEqual([[2, 'malformed_row']]);
    });

    it('a quoted value spanning two lines is two malformed lines (multi-line values belong in JSON Lines)', async () => {
      const outcome = await processedText('spanning.csv', csv(row('t1', { merchant: '"Hotel\nBerlin"' }), row('t2')));
      expect(reasons(outcome)).toEqual([
        [2, 'malformed_row'],
        [3, 'malformed_row'],
      ]);
    });

    it('a stray quote on every seventh line of a thousand', async () => {
      const rows = Array.from({ length: 1000 }, (_, i) => row(`t${i}`, { merchant: i % 7 === 0 ? 'x"y' : 'Shop' }));
      const outcome = await processedText('many.csv', csv(...rows));
      expect(outcome.records).toEqual({ total: 1000, valid: 857, quarantined: 143 });
    });

    it('quoted commas and doubled quotes are still one valid record', async () => {
      const outcome = await processedText('quoted.csv', csv(row('t1', { merchant: '"Smith, Jones & ""Co"""' }), row('t2', { merchant: '""' })));
      expect(outcome.records).toEqual({ total: 2, valid: 2, quarantined: 0 });
    });
  });

  describe('line endings, byte order marks and blank lines', () => {
    it('CRLF mixed with LF', async () => {
      const text = `${HEADER}\r\n${row('t1')}\n${row('t2', { status: 'x' })}\r\n${row('t3', { merchant: '"a, b"' })}\r\n`;
      const outcome = await processedText('mixed-endings.csv', text);
      expect(outcome.records).toEqual({ total: 3, valid: 2, quarantined: 1 });
      expect(reasons(outcome)).toEqual([[3, 'invalid_status']]);
    });

    it('a UTF-8 byte order mark before the header', async () => {
      const outcome = await processedText('bom.csv', `\uFEFF${csv(row('t1'), row('t2'))}`);
      expect(outcome.records).toEqual({ total: 2, valid: 2, quarantined: 0 });
    });

    it('blank and whitespace-only lines are skipped and not counted', async () => {
      const outcome = await processedText('blanks.csv', `${HEADER}\n\n${row('t1')}\n  \t \n\r\n${row('t2', { status: 'x' })}\n\n`);
      expect(reasons(outcome)).toEqual([[6, 'invalid_status']]);
    });
  });

  describe('files that are not UTF-8 text are rejected whole as invalid_encoding', () => {
    it.each([
      ['UTF-16LE with its byte order mark', () => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(csv(row('t1')), 'utf16le')])],
      ['UTF-16BE without a byte order mark', () => Buffer.from(csv(row('t1')), 'utf16le').swap16()],
      ['Latin-1', () => Buffer.from(csv(row('t1', { merchant: 'Café Zürich' })), 'latin1')],
      ['binary', () => Buffer.from(Array.from({ length: 70_000 }, (_, i) => (i * 7919 + 13) % 256))],
      ['a NUL byte in the middle', () => Buffer.from(csv(row('t1'), 't2\0,acc,2026-01-15T10:00:00Z,USD,1.00,settled,x'))],
    ])('%s', async (_name, body) => {
      expect(await rejected('encoding.csv', body())).toMatchObject({ reason: 'invalid_encoding' });
    });

    it('JSON Lines in Latin-1', async () => {
      expect(await rejected('latin1.jsonl', Buffer.from(`${jsonLine({ merchant: 'Café' })}\n`, 'latin1'))).toMatchObject({ reason: 'invalid_encoding' });
    });
  });

  describe('compression', () => {
    it('a gzip file cut short is invalid_compression', async () => {
      const whole = gzipSync(Buffer.from(csv(...Array.from({ length: 200 }, (_, i) => row(`t${i}`)))));
      expect(await rejected('truncated.csv.gz', whole.subarray(0, Math.floor(whole.length / 2)))).toMatchObject({ reason: 'invalid_compression' });
    });

    it('a whole gzip file with a stray quote loses one line', async () => {
      const text = csv(row('t1'), row('t2', { merchant: '"open' }), row('t3'));
      const outcome = await processed('gzipped.csv.gz', gzipSync(Buffer.from(text)));
      expect(outcome.records.valid + outcome.records.quarantined).toBe(dataLines(text, 'csv'));
      expect(reasons(outcome)).toEqual([[3, 'malformed_row']]);
    });
  });

  describe('headers', () => {
    it('a column named twice is duplicate_column', async () => {
      const { reason, message } = await rejected('twice.csv', `${HEADER},amount\n${row('t1')},99.00\n`);
      expect(reason).toBe('duplicate_column');
      expect(message).toContain('amount');
    });

    it('a missing column is missing_column, named', async () => {
      const { reason, message } = await rejected('missing.csv', 'transaction_id,account_id,timestamp,currency,status\nt1,a,2026-01-15T10:00:00Z,USD,settled\n');
      expect(reason).toBe('missing_column');
      expect(message).toContain('amount');
    });

    it('a header whose quotes do not balance is malformed_header', async () => {
      expect(await rejected('bad-header.csv', `"transaction_id,${HEADER.slice(15)}\n${row('t1')}\n`)).toMatchObject({ reason: 'malformed_header' });
    });

    it('a header-only file succeeds with zero counts', async () => {
      expect((await processedText('header-only.csv', `${HEADER}\n`)).records).toEqual({ total: 0, valid: 0, quarantined: 0 });
    });

    it('a header-only file without a final line break succeeds with zero counts', async () => {
      expect((await processedText('header-only-unterminated.csv', HEADER)).records).toEqual({ total: 0, valid: 0, quarantined: 0 });
    });

    it('a row shorter than the header is judged by its missing fields', async () => {
      const outcome = await processedText('short.csv', csv('t1,acc-1,2026-01-15T10:00:00Z,USD', row('t2')));
      expect(reasons(outcome)).toEqual([[2, 'invalid_amount']]);
    });
  });

  describe('sizes and amounts', () => {
    it('a 200 KB merchant is kept whole', async () => {
      const outcome = await processedText('huge-field.csv', csv(row('t1', { merchant: 'm'.repeat(200_000) }), row('t2')));
      expect(outcome.records).toEqual({ total: 2, valid: 2, quarantined: 0 });
    });

    it('a line well beyond the 1 MiB limit (a file without line breaks) rejects the file as record_too_large', async () => {
      expect(await rejected('huge-line.csv', csv(row('t1', { merchant: 'm'.repeat(1_500_000) })))).toMatchObject({ reason: 'record_too_large' });
    });

    it('amounts must be below 10^18 minor units: 30 and 46 digits are invalid_amount', async () => {
      const outcome = await processedText(
        'amounts.csv',
        csv(
          row('t1', { amount: '9999999999999999.99' }),
          row('t2', { amount: '10000000000000000.00' }),
          row('t3', { amount: '1'.repeat(30) }),
          row('t4', { amount: '1'.repeat(46), currency: 'JPY' }),
          row('t5', { amount: '-999999999999999999', currency: 'JPY' }),
        ),
      );
      expect(reasons(outcome)).toEqual([
        [3, 'invalid_amount'],
        [4, 'invalid_amount'],
        [5, 'invalid_amount'],
      ]);
    });

    it('sums past 2^63 stay exact', async () => {
      const rows = Array.from({ length: 12 }, (_, i) => row(`t${i}`, { amount: '9999999999999999.99' }));
      const run = await pipeline.validate(await pipeline.put(`raw/hostile-${++serial}/sums.csv`, csv(...rows)), lambdaContext('validate'));
      const result = await pipeline.transform({ run }, lambdaContext('transform'));
      const summary = JSON.parse(await pipeline.text(result.outputs.summary)) as { aggregates: { settledMinor: string }[] };
      expect(summary.aggregates[0]!.settledMinor).toBe((12n * 999999999999999999n).toString());
    });
  });

  describe('JSON Lines', () => {
    it.each([
      ['an array', '["t2", "acc"]'],
      ['a string', '"t2"'],
      ['a number', '42'],
      ['null', 'null'],
      ['invalid JSON', '{"transaction_id": "t2",'],
      ['an object followed by trailing garbage', `${jsonLine({ transaction_id: 't2' })} garbage`],
    ])('%s is malformed_row, kept raw', async (_name, line) => {
      const text = `${jsonLine({ transaction_id: 't1' })}\n${line}\n${jsonLine({ transaction_id: 't3' })}\n`;
      const outcome = await processedText('lines.jsonl', text);
      expect(reasons(outcome)).toEqual([[2, 'malformed_row']]);
      expect(outcome.quarantined[0]).toMatchObject({ raw: line, record: {} });
    });

    it('a nested-object merchant is invalid_merchant, not silently dropped', async () => {
      const outcome = await processedText('nested.jsonl', `${jsonLine({ merchant: { name: 'Shop' } })}\n${jsonLine({ transaction_id: 'j2', merchant: 7 })}\n`);
      expect(reasons(outcome)).toEqual([
        [1, 'invalid_merchant'],
        [2, 'invalid_merchant'],
      ]);
      expect(outcome.quarantined[0]!.record).toMatchObject({ merchant: { name: 'Shop' } });
    });

    it('a nested value in a required field is that field\'s reason', async () => {
      const outcome = await processedText('nested-amount.jsonl', `${jsonLine({ amount: { value: '1.00' } })}\n${jsonLine({ transaction_id: 'j2', status: ['settled'] })}\n`);
      expect(reasons(outcome)).toEqual([
        [1, 'invalid_amount'],
        [2, 'invalid_status'],
      ]);
    });
  });

  describe('duplicate ids across the fast path and the general path', () => {
    it('an id first taken by the fast path and repeated on a line only the general path reads', async () => {
      const outcome = await processedText('dup-fast-first.csv', csv(row('dup-1'), row('dup-1', { merchant: 'Café' }), row('"dup-1"')));
      expect(reasons(outcome)).toEqual([
        [3, 'duplicate_id'],
        [4, 'duplicate_id'],
      ]);
    });

    it('an id first taken by the general path and repeated on a plain line', async () => {
      const outcome = await processedText('dup-general-first.csv', csv(row('"dup-2"', { merchant: '"a, b"' }), row('dup-2'), row('dup-3', { status: 'x' }), row('dup-3')));
      expect(reasons(outcome)).toEqual([
        [3, 'duplicate_id'],
        [4, 'invalid_status'],
        [5, 'duplicate_id'],
      ]);
    });

    it('a malformed line remembers no id, so a later good line with it is valid', async () => {
      const outcome = await processedText('dup-malformed.csv', csv(row('dup-4', { merchant: '"open' }), row('dup-4')));
      expect(reasons(outcome)).toEqual([[2, 'malformed_row']]);
      expect(outcome.records.valid).toBe(1);
    });
  });

  it('an empty object is rejected before processing as empty_file', async () => {
    expect(await rejected('empty.csv', '')).toMatchObject({ reason: 'empty_file' });
  });
});
