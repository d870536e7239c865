import { describe, expect, it } from 'vitest';
import { MissingColumnError, PermanentError, RecordTooLargeError } from '../../../src/processing/errors.js';
import { HEADER, csv, reasons, row, run } from './harness.js';

describe('processTransactionStream (CSV)', () => {
  describe('valid rows', () => {
    it('normalizes a valid row into exact minor units and a UTC timestamp', async () => {
      const { valid, quarantined, result } = await run(csv(row({ id: 'tx-1', amount: '1234.56', merchant: 'Coffee' })));
      expect(quarantined).toEqual([]);
      expect(valid).toEqual([
        {
          transactionId: 'tx-1',
          accountId: 'acc-1',
          timestamp: '2026-01-15T10:00:00.000Z',
          date: '2026-01-15',
          currency: 'USD',
          amountMinor: '123456',
          status: 'settled',
          merchant: 'Coffee',
        },
      ]);
      expect(result.records).toEqual({ total: 1, valid: 1, quarantined: 0 });
    });

    it('accepts negative amounts', async () => {
      const { valid } = await run(csv(row({ amount: '-0.05' }), row({ id: 't2', amount: '-12', currency: 'JPY' })));
      expect(valid.map((r) => r.amountMinor)).toEqual(['-5', '-12']);
    });

    it('omits an empty merchant and accepts a file without a merchant column', async () => {
      const withEmpty = await run(csv(row({ merchant: '' })));
      expect(withEmpty.valid[0]).not.toHaveProperty('merchant');
      const noColumn = await run('transaction_id,account_id,timestamp,currency,amount,status\nt1,a,2026-01-01T00:00:00Z,EUR,1,pending\n');
      expect(noColumn.valid).toHaveLength(1);
      expect(noColumn.valid[0]).not.toHaveProperty('merchant');
    });

    it('accepts every status', async () => {
      const { valid } = await run(
        csv(row({ id: 'a', status: 'settled' }), row({ id: 'b', status: 'pending' }), row({ id: 'c', status: 'reversed' })),
      );
      expect(valid.map((r) => r.status)).toEqual(['settled', 'pending', 'reversed']);
    });
  });

  describe('reject reasons', () => {
    it.each([
      ['an empty transaction_id', row({ id: '' }), 'invalid_id'],
      ['a whitespace-only transaction_id', row({ id: '   ' }), 'invalid_id'],
      ['a transaction_id over 64 characters', row({ id: 'x'.repeat(65) }), 'invalid_id'],
      ['an empty account_id', row({ account: '' }), 'invalid_account'],
      ['a timestamp without offset', row({ timestamp: '2026-01-15T10:00:00' }), 'invalid_timestamp'],
      ['2026-02-30', row({ timestamp: '2026-02-30T10:00:00Z' }), 'invalid_timestamp'],
      ['a date-only timestamp', row({ timestamp: '2026-01-15' }), 'invalid_timestamp'],
      ['an unsupported currency', row({ currency: 'XYZ' }), 'invalid_currency'],
      ['a lower-case currency', row({ currency: 'usd' }), 'invalid_currency'],
      ['a blank amount', row({ amount: '' }), 'invalid_amount'],
      ['1.005 USD', row({ amount: '1.005' }), 'invalid_amount'],
      ['a + sign', row({ amount: '+1.00' }), 'invalid_amount'],
      ['an exponent', row({ amount: '1e3' }), 'invalid_amount'],
      ['an unknown status', row({ status: 'done' }), 'invalid_status'],
      ['a capitalized status', row({ status: 'Settled' }), 'invalid_status'],
    ])('rejects %s as %s', async (_name, line, reason) => {
      const outcome = await run(csv(line));
      expect(reasons(outcome)).toEqual([reason]);
      expect(outcome.valid).toEqual([]);
    });

    it('accepts a transaction_id of exactly 64 characters, counting code points', async () => {
      const { valid } = await run(csv(row({ id: 'x'.repeat(64) }), row({ id: '😀'.repeat(64) })));
      expect(valid).toHaveLength(2);
    });

    it('rejects a repeated transaction_id as duplicate_id and keeps the first', async () => {
      const outcome = await run(csv(row({ id: 'same', amount: '1' }), row({ id: 'same', amount: '2' })));
      expect(outcome.valid.map((r) => r.amountMinor)).toEqual(['100']);
      expect(outcome.quarantined).toEqual([
        expect.objectContaining({ line: 3, reason: 'duplicate_id', transactionId: 'same' }),
      ]);
    });

    it('rejects the duplicate of a quarantined row as duplicate_id', async () => {
      const outcome = await run(csv(row({ id: 'dup', status: 'bogus' }), row({ id: 'dup' })));
      expect(reasons(outcome)).toEqual(['invalid_status', 'duplicate_id']);
    });

    it('finds duplicates across the general and the fast path for ids of every length (both hash the same entry)', async () => {
      // Row pairs per length: a quarantined row remembers the id on the general path, then a valid
      // row with it must be a duplicate on the fast path; and the other way round.
      const rows: string[] = [];
      for (let length = 1; length <= 64; length++) {
        const id = 'abcdefghij'.repeat(7).slice(0, length);
        rows.push(row({ id, status: 'bogus' }), row({ id }));
        const other = id.toUpperCase();
        rows.push(row({ id: other }), row({ id: other, status: 'bogus' }));
      }
      const outcome = await run(csv(...rows));
      expect(reasons(outcome)).toEqual(Array.from({ length: 64 }, () => ['invalid_status', 'duplicate_id', 'duplicate_id']).flat());
      expect(outcome.valid).toHaveLength(64);
    });

    it('finds duplicate UUIDs across the general and the fast path, and keeps near misses apart', async () => {
      // A lowercase UUID is stored packed (16 bytes) by both paths; anything else is stored as text.
      const uuid = '0f8fad5b-d9cb-469f-a165-70867728950e';
      const ids = [uuid, uuid.toUpperCase(), `${uuid.slice(0, 35)}g`, uuid.replace(/-/g, '').padEnd(36, '0'), `${uuid.slice(0, 8)}${uuid.slice(9, 10)}-${uuid.slice(10)}`];
      const rows: string[] = [];
      for (const [i, id] of ids.entries()) {
        const other = `${id.slice(0, 30)}${String(i).padStart(6, '0')}`.replace(/^.{8}/, '12345678');
        rows.push(row({ id, status: 'bogus' }), row({ id }), row({ id: other }), row({ id: other, status: 'bogus' }));
      }
      const outcome = await run(csv(...rows));
      expect(reasons(outcome)).toEqual(ids.flatMap(() => ['invalid_status', 'duplicate_id', 'duplicate_id']));
      expect(outcome.valid).toHaveLength(ids.length);
    });

    it('does not remember ids that were themselves invalid', async () => {
      const long = 'y'.repeat(65);
      const outcome = await run(csv(row({ id: long }), row({ id: long })));
      expect(reasons(outcome)).toEqual(['invalid_id', 'invalid_id']);
    });
  });

  describe('amounts at each currency precision', () => {
    it.each([
      ['1.005', 'USD', undefined],
      ['1.005', 'KWD', '1005'],
      ['1.005', 'BHD', '1005'],
      ['1.0005', 'KWD', undefined],
      ['100', 'JPY', '100'],
      ['1.5', 'JPY', undefined],
      ['1.50', 'EUR', '150'],
      ['1.501', 'GBP', undefined],
      ['0.01', 'CHF', '1'],
      ['-0.01', 'CAD', '-1'],
      ['12.34', 'AUD', '1234'],
      ['12.345', 'SGD', undefined],
      ['1.', 'USD', undefined],
      ['.5', 'USD', undefined],
    ])('reads %s %s as %s (undefined = invalid_amount)', async (amount, currency, minor) => {
      const outcome = await run(csv(row({ amount, currency })));
      if (minor === undefined) {
        expect(reasons(outcome)).toEqual(['invalid_amount']);
      } else {
        expect(outcome.valid.map((r) => [r.currency, r.amountMinor])).toEqual([[currency, minor]]);
      }
    });

    it('rejects 1.005 USD as invalid_amount', async () => {
      expect(reasons(await run(csv(row({ amount: '1.005', currency: 'USD' }))))).toEqual(['invalid_amount']);
    });

    it('accepts 1.005 KWD as 1005 fils', async () => {
      expect((await run(csv(row({ amount: '1.005', currency: 'KWD' })))).valid[0]?.amountMinor).toBe('1005');
    });

    it('accepts 100 JPY and rejects 1.5 JPY', async () => {
      const outcome = await run(csv(row({ id: 'a', amount: '100', currency: 'JPY' }), row({ id: 'b', amount: '1.5', currency: 'JPY' })));
      expect(outcome.valid.map((r) => r.amountMinor)).toEqual(['100']);
      expect(reasons(outcome)).toEqual(['invalid_amount']);
    });
  });

  describe('reason precedence (first broken rule in SPEC order)', () => {
    it.each([
      [{ id: '', account: '', timestamp: 'x', currency: 'x', amount: 'x', status: 'x' }, 'invalid_id'],
      [{ account: '', timestamp: 'x', currency: 'x', amount: 'x', status: 'x' }, 'invalid_account'],
      [{ timestamp: 'x', currency: 'x', amount: 'x', status: 'x' }, 'invalid_timestamp'],
      [{ currency: 'x', amount: 'x', status: 'x' }, 'invalid_currency'],
      [{ amount: 'x', status: 'x' }, 'invalid_amount'],
    ])('reports %j as %s', async (fields, reason) => {
      expect(reasons(await run(csv(row(fields))))).toEqual([reason]);
    });

    it('reports duplicate_id before every later rule', async () => {
      const outcome = await run(csv(row({ id: 'd' }), row({ id: 'd', account: '', currency: 'x' })));
      expect(reasons(outcome)).toEqual(['duplicate_id']);
    });
  });

  describe('quarantine entries', () => {
    it('keeps every original cell, extra columns included, keyed by header name', async () => {
      const outcome = await run(
        'extra,transaction_id,account_id,timestamp,currency,amount,status\nkeep me,t9,acc,2026-01-01T00:00:00Z,USD,1.001,settled,surplus\n',
      );
      expect(outcome.quarantined).toEqual([
        {
          line: 2,
          reason: 'invalid_amount',
          transactionId: 't9',
          record: {
            extra: 'keep me',
            transaction_id: 't9',
            account_id: 'acc',
            timestamp: '2026-01-01T00:00:00Z',
            currency: 'USD',
            amount: '1.001',
            status: 'settled',
            _8: 'surplus',
          },
        },
      ]);
    });

    it('treats cells a short row lacks as missing', async () => {
      const outcome = await run(csv('t1,acc,2026-01-01T00:00:00Z'));
      expect(outcome.quarantined).toEqual([
        {
          line: 2,
          reason: 'invalid_currency',
          transactionId: 't1',
          record: { transaction_id: 't1', account_id: 'acc', timestamp: '2026-01-01T00:00:00Z' },
        },
      ]);
    });

    it('omits transactionId when the row has none', async () => {
      const outcome = await run(csv(row({ id: '' })));
      expect(outcome.quarantined[0]).not.toHaveProperty('transactionId');
    });
  });

  describe('CSV dialect', () => {
    it('reads columns in any order and ignores extra columns', async () => {
      const { valid } = await run(
        'status,notes,amount,currency,merchant,timestamp,account_id,transaction_id\n' +
          'pending,hello,5,JPY,Shop,2026-01-02T03:04:05Z,acc-9,t-9\n',
      );
      expect(valid).toEqual([
        {
          transactionId: 't-9',
          accountId: 'acc-9',
          timestamp: '2026-01-02T03:04:05.000Z',
          date: '2026-01-02',
          currency: 'JPY',
          amountMinor: '5',
          status: 'pending',
          merchant: 'Shop',
        },
      ]);
    });

    it('skips a UTF-8 byte order mark', async () => {
      const { valid } = await run(`\uFEFF${csv(row())}`);
      expect(valid).toHaveLength(1);
    });

    it('reads CRLF line endings without leaking \\r into the last column', async () => {
      const { valid } = await run(`${HEADER}\r\n${row({ merchant: 'Shop' })}\r\n${row({ id: 't2', merchant: '' })}\r\n`);
      expect(valid.map((r) => r.merchant)).toEqual(['Shop', undefined]);
    });

    it('reads a last row without a trailing newline', async () => {
      const { valid } = await run(`${HEADER}\n${row()}`);
      expect(valid).toHaveLength(1);
    });

    it('skips blank lines without counting them, but counts their physical lines', async () => {
      const outcome = await run(`${HEADER}\n\n${row({ id: 'a' })}\n   \n\r\n${row({ id: 'b', status: 'x' })}\n\n`);
      expect(outcome.result.records).toEqual({ total: 2, valid: 1, quarantined: 1 });
      expect(outcome.quarantined[0]?.line).toBe(6);
    });

    it('reads quoted commas and escaped quotes', async () => {
      const outcome = await run(csv(row({ merchant: '"Smith, Jones & ""Co"""' }), row({ id: 't2', merchant: '""' })));
      expect(outcome.valid.map((r) => r.merchant)).toEqual(['Smith, Jones & "Co"', undefined]);
    });

    describe('one physical line is one record (SPEC §5)', () => {
      it.each([
        ['a quote left open at the end of a line', row({ id: 'm', merchant: '"Bob\'s Diner' })],
        ['a quote inside an unquoted cell', row({ id: 'm', merchant: 'Bob "The" Diner' })],
        ['text after a closing quote', row({ id: 'm', merchant: '"Bob"s' })],
        ['a quote opening a cell that ends without its closing quote', row({ id: 'm', merchant: '"a,b' })],
        ['a quoted cell that runs into the next line', row({ id: 'm', merchant: '"two\nlines"' })],
        ['spaces before an opening quote', row({ id: 'm', merchant: ' "x"' })],
      ])('quarantines %s as malformed_row with its raw text and reads on at the next line', async (_name, bad) => {
        const outcome = await run(csv(row({ id: 'a' }), bad, row({ id: 'b' }), row({ id: 'c' })));
        const dataLines = csv(row({ id: 'a' }), bad, row({ id: 'b' }), row({ id: 'c' })).split('\n').slice(1, -1).length;
        expect(outcome.valid.map((r) => r.transactionId)).toEqual(['a', 'b', 'c']);
        const malformed = outcome.quarantined.filter((q) => q.reason === 'malformed_row');
        expect(malformed[0]).toEqual({ line: 3, reason: 'malformed_row', record: {}, raw: bad.split('\n')[0] });
        expect(outcome.result.records.valid + outcome.result.records.quarantined).toBe(dataLines);
      });

      it('loses only the line with a stray quote in a 14-line file, wherever it is', async () => {
        for (const at of [0, 4, 13]) {
          const rows = Array.from({ length: 14 }, (_, i) => row({ id: `t${i}`, merchant: i === at ? '"Bob\'s Diner' : 'Shop' }));
          const outcome = await run(csv(...rows));
          expect(outcome.result.records).toEqual({ total: 14, valid: 13, quarantined: 1 });
          expect(outcome.quarantined).toMatchObject([{ line: at + 2, reason: 'malformed_row' }]);
        }
      });

      it('quarantines an unterminated quote on the last line, without a final line break', async () => {
        const outcome = await run(`${HEADER}\n${row({ id: 'a' })}\n${row({ id: 'b', merchant: '"open' })}`);
        expect(outcome.result.records).toEqual({ total: 2, valid: 1, quarantined: 1 });
        expect(outcome.quarantined).toMatchObject([{ line: 3, reason: 'malformed_row' }]);
      });

      it('checks malformed_row before every field rule', async () => {
        const outcome = await run(csv(row({ id: '', amount: 'x', merchant: '"open' })));
        expect(reasons(outcome)).toEqual(['malformed_row']);
      });

      it('rejects a header whose quotes do not balance as malformed_header', async () => {
        await expect(run(`"transaction_id,account_id,timestamp,currency,amount,status\n${row()}\n`)).rejects.toMatchObject({ reason: 'malformed_header' });
      });
    });

    it('reads quoted required fields', async () => {
      const { valid } = await run(csv('"t,1","acc ""x""","2026-01-15T10:00:00Z","USD","1.50","settled",""'));
      expect(valid[0]).toMatchObject({ transactionId: 't,1', accountId: 'acc "x"', amountMinor: '150' });
    });

    it('decodes UTF-8 split across chunk boundaries', async () => {
      const text = csv(row({ id: 'ü-1', account: 'Zürich', merchant: 'Café 😀' }));
      for (const chunkSize of [1, 2, 3, 5, 7]) {
        const { valid } = await run(text, undefined, { chunkSize });
        expect(valid[0]).toMatchObject({ transactionId: 'ü-1', accountId: 'Zürich', merchant: 'Café 😀' });
      }
    });

    it('gives the same result whatever the chunk size', async () => {
      const text = `\uFEFF${HEADER}\r\n${row({ id: 'a', merchant: '"q, ""r"" s"' })}\r\n\r\n${row({ id: 'b', status: 'x' })}\r\n${row({ id: 'x', merchant: '"open' })}\r\n${row({ id: 'c', merchant: 'é' })}`;
      const reference = await run(text);
      for (const chunkSize of [1, 2, 3, 4, 5, 8, 13, 64]) {
        const outcome = await run(text, undefined, { chunkSize });
        expect(outcome.valid).toEqual(reference.valid);
        expect(outcome.quarantined).toEqual(reference.quarantined);
      }
      expect(reference.valid.map((r) => r.transactionId)).toEqual(['a', 'c']);
      expect(reference.quarantined.map((q) => [q.line, q.reason])).toEqual([
        [4, 'invalid_status'],
        [5, 'malformed_row'],
      ]);
    });
  });

  describe('whole-file rejection', () => {
    it('rejects a header missing required columns with MissingColumnError naming them', async () => {
      const error = await run('transaction_id,timestamp,currency,status\nt1,2026-01-01T00:00:00Z,USD,settled\n').catch(
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(MissingColumnError);
      expect(error).toBeInstanceOf(PermanentError);
      expect(error).toMatchObject({ reason: 'missing_column', columns: ['account_id', 'amount'] });
    });

    it('rejects an empty file as missing every column', async () => {
      await expect(run('')).rejects.toMatchObject({
        reason: 'missing_column',
        columns: ['transaction_id', 'account_id', 'timestamp', 'currency', 'amount', 'status'],
      });
    });

    it('accepts a header-only file with zero records', async () => {
      const { result } = await run(`${HEADER}\n`);
      expect(result.records).toEqual({ total: 0, valid: 0, quarantined: 0 });
      expect(result.aggregates).toEqual([]);
    });

    it('rejects a line longer than the size limit (a file without line breaks) as record_too_large', async () => {
      const text = csv(row({ merchant: 'x'.repeat(5000) }), ...Array.from({ length: 50 }, (_, i) => row({ id: `r${i}` })));
      await expect(run(text, undefined, { maxRecordBytes: 1000, chunkSize: 100 })).rejects.toBeInstanceOf(RecordTooLargeError);
    });

    it('rejects a header that names a column twice as duplicate_column, naming it', async () => {
      const header = 'transaction_id,account_id,timestamp,currency,amount,status,amount';
      await expect(run(`${header}\nt1,a,2026-01-15T10:00:00Z,USD,1.00,settled,2.00\n`)).rejects.toMatchObject({
        reason: 'duplicate_column',
        columns: ['amount'],
      });
    });

    it.each([
      ['UTF-16LE with its BOM', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(csv(row()), 'utf16le')])],
      ['UTF-16BE without a BOM', Buffer.from(csv(row()), 'utf16le').swap16()],
      ['Latin-1', Buffer.from(csv(row({ merchant: 'Café' })), 'latin1')],
      ['binary', Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 151 + 7) % 256))],
      ['UTF-8 that ends inside a character', Buffer.concat([Buffer.from(csv(row({ merchant: 'x' }))), Buffer.from([0xe2, 0x82])])],
    ])('rejects %s as invalid_encoding', async (_name, bytes) => {
      for (const chunkSize of [1, 3, 64 * 1024]) {
        await expect(run(bytes, undefined, { chunkSize })).rejects.toMatchObject({ reason: 'invalid_encoding' });
      }
    });

    it('accepts UTF-8 whose characters are split across chunks', async () => {
      const text = csv(row({ id: 'a', merchant: 'Zürich 😀 ✓' }));
      for (const chunkSize of [1, 2, 3, 5]) {
        expect((await run(text, undefined, { chunkSize })).valid[0]?.merchant).toBe('Zürich 😀 ✓');
      }
    });
  });

  it('keeps total = valid + quarantined', async () => {
    const rows = Array.from({ length: 300 }, (_, i) =>
      row({ id: `t${i % 250}`, status: i % 7 === 0 ? 'nope' : 'settled', amount: i % 11 === 0 ? '1.234' : '1.23' }),
    );
    const { result, valid, quarantined } = await run(csv(...rows));
    expect(result.records.total).toBe(300);
    expect(result.records.valid + result.records.quarantined).toBe(result.records.total);
    expect(valid).toHaveLength(result.records.valid);
    expect(quarantined).toHaveLength(result.records.quarantined);
  });

  it('counts bytes read', async () => {
    const text = csv(row({ merchant: 'Café' }));
    const { result } = await run(text);
    expect(result.bytesRead).toBe(Buffer.byteLength(text));
    expect(result.bytesDecoded).toBe(result.bytesRead);
  });
});
