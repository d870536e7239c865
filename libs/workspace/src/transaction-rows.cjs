// @ts-check
// The one generator of SPEC §5 transaction files. The local run's sample (a few hundred rows) and
// the benchmarks' files (hundreds of MiB) are both drawn from it, seeded, so every machine gets the
// same bytes. Every broken row carries the reason the reader must give it, so a caller can expect
// exactly the quarantine a file should produce. CommonJS with JSDoc types, like seeded-random, so
// the TypeScript local run and the plain-Node benchmarks import this one copy.
const { mulberry32 } = require('./seeded-random.cjs');

/** The header line of every generated file (SPEC §5 column order). */
const TRANSACTION_CSV_HEADER = 'transaction_id,account_id,timestamp,currency,amount,status,merchant';

/** @typedef {{ id: string; account: string; timestamp: string; currency: string; amount: string; status: string; merchant: string }} TransactionRow */

/** ISO 4217 code, minor digits, and the weight with which an account holds it as home currency. */
const CURRENCIES = /** @type {const} */ ([
  ['USD', 2, 55], ['EUR', 2, 15], ['GBP', 2, 8], ['JPY', 0, 6], ['CHF', 2, 4],
  ['CAD', 2, 4], ['AUD', 2, 3], ['SGD', 2, 2], ['KWD', 3, 2], ['BHD', 3, 1],
]);
/** Includes names that need RFC 4180 quoting (comma, quote) and a non-ASCII one. */
const MERCHANTS = [
  'Blue Bottle Coffee', 'Amazon Marketplace', 'Shell Station 1123', 'Uber Trip', 'Whole Foods Market', 'Delta Air Lines',
  'Netflix.com', 'Apple Store', 'Corner Deli', 'City Parking Garage', 'Smith, Jones & Co', 'The "Best" Bakery',
  'Hotel Adlon Kempinski', 'Tokyo Metro', 'Migros Zürich', '',
];
/** 80 % of timestamps in UTC (`Z`), the rest with an offset. */
const ZONES = ['Z', 'Z', 'Z', 'Z', 'Z', 'Z', 'Z', 'Z', '+01:00', '-05:00'];

/**
 * Ways to break one field of a good row, each with the reason the reader must give.
 * @type {ReadonlyArray<{ reason: string; breakRow: (row: TransactionRow, earlierId: string) => TransactionRow }>}
 */
const BROKEN_ROWS = [
  { reason: 'invalid_id', breakRow: (row) => ({ ...row, id: '' }) },
  { reason: 'duplicate_id', breakRow: (row, earlierId) => ({ ...row, id: earlierId }) },
  { reason: 'invalid_account', breakRow: (row) => ({ ...row, account: '' }) },
  { reason: 'invalid_timestamp', breakRow: (row) => ({ ...row, timestamp: '2026-02-30T10:00:00Z' }) },
  { reason: 'invalid_timestamp', breakRow: (row) => ({ ...row, timestamp: '2026-03-01 10:00:00' }) },
  { reason: 'invalid_currency', breakRow: (row) => ({ ...row, currency: 'XYZ' }) },
  { reason: 'invalid_amount', breakRow: (row) => ({ ...row, currency: 'USD', amount: '1.005' }) },
  { reason: 'invalid_amount', breakRow: (row) => ({ ...row, amount: '1e3' }) },
  { reason: 'invalid_status', breakRow: (row) => ({ ...row, status: 'done' }) },
];

const hex = (/** @type {number} */ value, /** @type {number} */ width) => value.toString(16).padStart(width, '0');
const pad = (/** @type {number} */ value, /** @type {number} */ width) => String(value).padStart(width, '0');
/** RFC 4180 quoting: only fields that need it. */
const csvField = (/** @type {string} */ value) => (/[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value);

/**
 * @param {number} units amount in minor units
 * @param {number} digits minor digits of the currency
 */
function formatAmount(units, digits) {
  const sign = units < 0 ? '-' : '';
  const text = pad(Math.abs(units), digits + 1);
  return digits === 0 ? `${sign}${text}` : `${sign}${text.slice(0, -digits)}.${text.slice(-digits)}`;
}

/**
 * @typedef {object} TransactionRowOptions
 * @property {number} seed the same seed gives the same rows
 * @property {number} [rows] how many data rows (default: no end; the caller stops reading)
 * @property {number} [accounts] how many accounts, each with a home currency (default 20 000)
 * @property {number} [brokenShare] share of rows broken on purpose, one field each (default 0.01)
 */

/**
 * SPEC §5 rows as CSV lines (header not included): UUID ids, 7 days of March 2026 timestamps with
 * milliseconds, amounts at each currency's precision (5 % negative), mostly settled. `reason` is
 * set on a broken row: the reject reason the reader must give it.
 * @param {TransactionRowOptions} options
 * @returns {Generator<{ line: string; reason?: string }>}
 */
function* transactionRows({ seed, rows = Infinity, accounts = 20_000, brokenShare = 0.01 }) {
  const next = mulberry32(seed);
  const pick = (/** @type {readonly any[]} */ list) => list[Math.floor(next() * list.length)];
  const weightTotal = CURRENCIES.reduce((sum, [, , weight]) => sum + weight, 0);
  const homeCurrency = Array.from({ length: accounts }, () => {
    let weight = next() * weightTotal;
    return CURRENCIES.find((entry) => (weight -= entry[2]) < 0) ?? CURRENCIES[0];
  });
  // A valid row's id, for duplicate_id rows to repeat.
  let earlierId = '';
  // Broken rows take each way of breaking in turn, so even a short file shows every reason.
  let brokenCount = 0;
  for (let n = 0; n < rows; n++) {
    const account = Math.floor(next() * accounts);
    const [currency, digits] = homeCurrency[account] ?? CURRENCIES[0];
    const units = Math.floor(next() * 5000) * 10 ** digits + Math.floor(next() * 10 ** digits);
    /** @type {TransactionRow} */
    let row = {
      id: `${hex(Math.floor(next() * 2 ** 32), 8)}-${hex(Math.floor(next() * 65536), 4)}-4${hex(Math.floor(next() * 4096), 3)}-a${hex(Math.floor(next() * 4096), 3)}-${hex(n, 12)}`,
      account: `ACC-${pad(account, 8)}`,
      timestamp:
        `2026-03-0${1 + Math.floor(next() * 7)}T${pad(Math.floor(next() * 24), 2)}:${pad(Math.floor(next() * 60), 2)}:` +
        `${pad(Math.floor(next() * 60), 2)}.${pad(Math.floor(next() * 1000), 3)}${pick(ZONES)}`,
      currency,
      amount: formatAmount(next() < 0.05 ? -units : units, digits),
      status: next() < 0.85 ? 'settled' : next() < 0.67 ? 'pending' : 'reversed',
      merchant: pick(MERCHANTS),
    };
    /** @type {string | undefined} */
    let reason;
    if (next() < brokenShare && earlierId !== '') {
      const broken = /** @type {(typeof BROKEN_ROWS)[number]} */ (BROKEN_ROWS[brokenCount++ % BROKEN_ROWS.length]);
      row = broken.breakRow(row, earlierId);
      reason = broken.reason;
    } else if (n % 100 === 0) {
      earlierId = row.id;
    }
    const line = [row.id, row.account, row.timestamp, row.currency, row.amount, row.status, row.merchant].map(csvField).join(',');
    yield reason === undefined ? { line } : { line, reason };
  }
}

module.exports = { TRANSACTION_CSV_HEADER, transactionRows };
