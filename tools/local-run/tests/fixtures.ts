import type { Aggregate } from '@data-platform/lambda-handlers';
import { gzipSync } from 'node:zlib';

/** A transaction file with the outcome the pipeline must produce for it (worked out by hand from SPEC §5). */
export interface Fixture {
  readonly name: string;
  readonly content: string | Buffer;
  readonly records: { total: number; valid: number; quarantined: number };
  readonly quarantine: ReadonlyArray<{ line: number; transactionId?: string; reason: string }>;
  readonly aggregates: readonly Aggregate[];
}

const HEADER = 'transaction_id,account_id,timestamp,currency,amount,status,merchant';

const aggregate = (accountId: string, currency: string, date: string, transactionCount: number, settled: string, pending: string, reversed: string): Aggregate => ({
  accountId,
  currency,
  date,
  transactionCount,
  settledMinor: settled,
  pendingMinor: pending,
  reversedMinor: reversed,
});

/** Every row valid: CRLF line ends, a BOM, columns in another order and an extra column. */
export const CLEAN_CSV: Fixture = {
  name: 'clean.csv',
  content:
    '\uFEFFaccount_id,transaction_id,currency,amount,status,timestamp,note,merchant\r\n' +
    'ACC-1,C-1,USD,100.00,settled,2024-05-01T09:00:00Z,ignored,Shop\r\n' +
    'ACC-1,C-2,USD,-20.5,reversed,2024-05-01T10:00:00.250Z,,\r\n' +
    'ACC-1,C-3,USD,7,pending,2024-05-01T23:59:59+00:00,,"Books, Maps & Co"\r\n' +
    'ACC-2,C-4,JPY,1500,settled,2024-05-02T08:00:00+09:00,,\r\n' +
    'ACC-2,C-5,KWD,0.125,settled,2024-05-02T12:00:00Z,,\r\n',
  records: { total: 5, valid: 5, quarantined: 0 },
  quarantine: [],
  aggregates: [
    aggregate('ACC-1', 'USD', '2024-05-01', 3, '10000', '700', '-2050'),
    // 08:00+09:00 is 23:00 UTC the day before.
    aggregate('ACC-2', 'JPY', '2024-05-01', 1, '1500', '0', '0'),
    aggregate('ACC-2', 'KWD', '2024-05-02', 1, '125', '0', '0'),
  ],
};

/** One bad row per reason code (and one breaking two rules: the first in SPEC order wins), plus a blank line. */
export const EVERY_REASON_CSV: Fixture = {
  name: 'every-reason.csv',
  content: [
    HEADER,
    'T1,A1,2024-05-01T10:00:00Z,USD,10.50,settled,Shop', // 2 valid
    'T2,A1,2024-05-01T23:30:00-02:00,USD,-2.25,pending,', // 3 valid, UTC date 2024-05-02
    ',A1,2024-05-01T10:00:00Z,USD,1.00,settled,', // 4 invalid_id
    'T1,A1,2024-05-01T10:00:00Z,USD,1.00,settled,', // 5 duplicate_id
    'T3,,2024-05-01T10:00:00Z,USD,1.00,settled,', // 6 invalid_account
    'T4,A1,2024-02-30T10:00:00Z,USD,1.00,settled,', // 7 invalid_timestamp
    'T5,A1,2024-05-01T10:00:00Z,XYZ,1.00,settled,', // 8 invalid_currency
    'T6,A1,2024-05-01T10:00:00Z,JPY,1.5,settled,', // 9 invalid_amount (JPY has no minor unit)
    'T7,A1,2024-05-01T10:00:00Z,USD,1.00,done,', // 10 invalid_status
    '', // 11 blank: skipped, not counted
    'T8,A2,2024-05-01T10:00:00.123+00:00,KWD,1.234,reversed,"Café, ""Le"" Bar"', // 12 valid
    'T9,A1,2024-05-01T12:00:00Z,USD,0.50,settled,', // 13 valid
    'T10,A1,2024-05-01T13:00:00Z,USD,3,reversed,', // 14 valid
    'T11,,2024-13-01T00:00:00Z,XYZ,+1,settled,', // 15 invalid_account (also timestamp, currency, amount)
    'T12,A1,2024-05-01T10:00:00Z,USD,+1.00,settled,', // 16 invalid_amount (no "+")
    '',
  ].join('\n'),
  records: { total: 14, valid: 5, quarantined: 9 },
  quarantine: [
    { line: 4, reason: 'invalid_id' },
    { line: 5, transactionId: 'T1', reason: 'duplicate_id' },
    { line: 6, transactionId: 'T3', reason: 'invalid_account' },
    { line: 7, transactionId: 'T4', reason: 'invalid_timestamp' },
    { line: 8, transactionId: 'T5', reason: 'invalid_currency' },
    { line: 9, transactionId: 'T6', reason: 'invalid_amount' },
    { line: 10, transactionId: 'T7', reason: 'invalid_status' },
    { line: 15, transactionId: 'T11', reason: 'invalid_account' },
    { line: 16, transactionId: 'T12', reason: 'invalid_amount' },
  ],
  aggregates: [
    aggregate('A1', 'USD', '2024-05-01', 3, '1100', '0', '300'),
    aggregate('A1', 'USD', '2024-05-02', 1, '0', '-225', '0'),
    aggregate('A2', 'KWD', '2024-05-01', 1, '0', '0', '1234'),
  ],
};

const jsonl = [
  { transaction_id: 'J1', account_id: 'ACC-9', timestamp: '2024-06-30T22:00:00-03:00', currency: 'EUR', amount: '19.99', status: 'settled', merchant: 'Night Market' },
  // A JSON number amount is read by its exact source text.
  '{"transaction_id":"J2","account_id":"ACC-9","timestamp":"2024-07-01T08:00:00Z","currency":"EUR","amount":5.1,"status":"pending"}',
  { transaction_id: 'J3', account_id: 'ACC-9', timestamp: '2024-07-01T09:00:00Z', currency: 'CHF', amount: '1234567890123456.78', status: 'settled' },
  'not json at all',
  { transaction_id: 'J4', account_id: 'ACC-9', timestamp: '2024-07-01T09:00:00Z', currency: 'EUR', amount: '1.001', status: 'settled' },
  { transaction_id: 'J5', account_id: 'ACC-9', timestamp: '2024-07-01T10:00:00Z', currency: 'EUR', amount: '-0.99', status: 'reversed' },
];

/** Gzip-compressed JSON Lines: an unparseable line, a bad amount, the largest exact amount (just below 10^18 minor units). */
export const GZIP_JSONL: Fixture = {
  name: 'transactions.jsonl.gz',
  content: gzipSync(`${jsonl.map((row) => (typeof row === 'string' ? row : JSON.stringify(row))).join('\n')}\n`),
  records: { total: 6, valid: 4, quarantined: 2 },
  quarantine: [
    { line: 4, reason: 'malformed_row' },
    { line: 5, transactionId: 'J4', reason: 'invalid_amount' },
  ],
  aggregates: [
    aggregate('ACC-9', 'CHF', '2024-07-01', 1, '123456789012345678', '0', '0'),
    aggregate('ACC-9', 'EUR', '2024-07-01', 3, '1999', '510', '-99'),
  ],
};

/** No `status` column: the whole file is rejected. */
export const MISSING_COLUMN_CSV: Fixture = {
  name: 'missing-status.csv',
  content: 'transaction_id,account_id,timestamp,currency,amount\nM1,A1,2024-05-01T10:00:00Z,USD,1.00\n',
  records: { total: 0, valid: 0, quarantined: 0 },
  quarantine: [],
  aggregates: [],
};
