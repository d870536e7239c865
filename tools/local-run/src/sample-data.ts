import { mulberry32 } from '@data-platform/workspace/seeded-random';

const ACCOUNTS = ['ACC-1001', 'ACC-1002', 'ACC-1003', 'ACC-1004', 'ACC-1005'];
/** Code and ISO 4217 minor digits, so every good amount has exactly the allowed decimals. */
const CURRENCIES: ReadonlyArray<readonly [string, number]> = [
  ['USD', 2],
  ['EUR', 2],
  ['GBP', 2],
  ['JPY', 0],
  ['KWD', 3],
];
const STATUSES = ['settled', 'settled', 'settled', 'pending', 'reversed'];
const MERCHANTS = ['Corner Café', 'Books & Co', '"Quoted" Goods', 'Rail, Bus and Ferry', ''];

/** Rows that break one rule each, placed at fixed positions; the comment is the expected reason. */
const BAD_ROWS: ReadonlyArray<{ at: number; reason: string; row: (good: string[]) => string[] }> = [
  { at: 17, reason: 'invalid_amount', row: (g) => [g[0]!, g[1]!, g[2]!, 'USD', '12.345', g[5]!, g[6]!] },
  { at: 41, reason: 'invalid_currency', row: (g) => [g[0]!, g[1]!, g[2]!, 'XYZ', '10.00', g[5]!, g[6]!] },
  { at: 73, reason: 'invalid_timestamp', row: (g) => [g[0]!, g[1]!, '2024-02-30T10:00:00Z', g[3]!, g[4]!, g[5]!, g[6]!] },
  { at: 98, reason: 'duplicate_id', row: (g) => ['TX-000010', g[1]!, g[2]!, g[3]!, g[4]!, g[5]!, g[6]!] },
  { at: 131, reason: 'invalid_status', row: (g) => [g[0]!, g[1]!, g[2]!, g[3]!, g[4]!, 'refunded', g[6]!] },
  { at: 167, reason: 'invalid_account', row: (g) => [g[0]!, '', g[2]!, g[3]!, g[4]!, g[5]!, g[6]!] },
  { at: 203, reason: 'invalid_id', row: (g) => ['', g[1]!, g[2]!, g[3]!, g[4]!, g[5]!, g[6]!] },
  { at: 251, reason: 'invalid_amount', row: (g) => [g[0]!, g[1]!, g[2]!, 'EUR', '1e3', g[5]!, g[6]!] },
];

/** RFC 4180 quoting: only fields that need it. */
function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

function amount(next: () => number, minorDigits: number): string {
  const minor = Math.floor(next() * 50_000 * 10 ** minorDigits) + 1;
  const text = String(minor).padStart(minorDigits + 1, '0');
  return minorDigits === 0 ? text : `${text.slice(0, -minorDigits)}.${text.slice(-minorDigits)}`;
}

/**
 * The default input of a local run: `rows` transactions over a few accounts, currencies and days,
 * with {@link BAD_ROWS} replacing some rows so the quarantine path shows up in the summary.
 */
export function sampleTransactionsCsv(rows = 300, seed = 20240301): string {
  const next = mulberry32(seed);
  const lines = ['transaction_id,account_id,timestamp,currency,amount,status,merchant'];
  for (let i = 1; i <= rows; i++) {
    const [currency, minorDigits] = CURRENCIES[Math.floor(next() * CURRENCIES.length)]!;
    const day = 1 + Math.floor(next() * 3);
    const seconds = Math.floor(next() * 86_400);
    const time = new Date(Date.UTC(2024, 2, day, 0, 0, seconds)).toISOString().replace('.000Z', 'Z');
    const good = [
      `TX-${String(i).padStart(6, '0')}`,
      ACCOUNTS[Math.floor(next() * ACCOUNTS.length)]!,
      time,
      currency,
      amount(next, minorDigits),
      STATUSES[Math.floor(next() * STATUSES.length)]!,
      MERCHANTS[Math.floor(next() * MERCHANTS.length)]!,
    ];
    const bad = BAD_ROWS.find((row) => row.at === i);
    lines.push((bad ? bad.row(good) : good).map(csvField).join(','));
  }
  return `${lines.join('\n')}\n`;
}

/** Reasons the default sample's bad rows are expected to get, by data row number. */
export const SAMPLE_BAD_ROWS: ReadonlyArray<{ readonly row: number; readonly reason: string }> = BAD_ROWS.map(({ at, reason }) => ({ row: at, reason }));
