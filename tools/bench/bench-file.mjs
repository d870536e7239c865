/**
 * The benchmarks' transaction file (SPEC §5 rows, deterministic): generated once per size in
 * os.tmpdir() and reused, so every benchmark of a session reads the same bytes. UUID transaction
 * ids, 20k accounts with a home currency, 7 days of timestamps (80 % `Z`, the rest ±hh:mm),
 * amounts at each currency's precision, a few quoted merchants, ~1 % bad rows of every reason.
 */
import { closeSync, existsSync, openSync, renameSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { mulberry32 as random } from '@data-platform/workspace/seeded-random';

const MIB = 1024 * 1024;
/** Bumped whenever the generator changes, so a stale file is never reused. */
const GENERATOR_VERSION = 2;


const CURRENCIES = [
  ['USD', 2, 55],
  ['EUR', 2, 15],
  ['GBP', 2, 8],
  ['JPY', 0, 6],
  ['CHF', 2, 4],
  ['CAD', 2, 4],
  ['AUD', 2, 3],
  ['SGD', 2, 2],
  ['KWD', 3, 2],
  ['BHD', 3, 1],
];
const MERCHANTS = [
  'Blue Bottle Coffee',
  'Amazon Marketplace',
  'Shell Station 1123',
  'Uber Trip',
  'Whole Foods Market',
  'Delta Air Lines',
  'Netflix.com',
  'Apple Store',
  'Corner Deli',
  'City Parking Garage',
  '"Smith, Jones & Co"',
  '"The ""Best"" Bakery"',
  'Hotel Adlon Kempinski',
  'Tokyo Metro',
  'Migros Zürich',
  '',
];
const ZONES = ['Z', 'Z', 'Z', 'Z', 'Z', 'Z', 'Z', 'Z', '+01:00', '-05:00'];
const BAD = [
  (row) => ({ ...row, id: '' }),
  (row, recentId) => ({ ...row, id: recentId }),
  (row) => ({ ...row, account: '' }),
  (row) => ({ ...row, timestamp: '2026-02-30T10:00:00Z' }),
  (row) => ({ ...row, timestamp: '2026-03-01 10:00:00' }),
  (row) => ({ ...row, currency: 'XYZ' }),
  (row) => ({ ...row, currency: 'USD', amount: '1.005' }),
  (row) => ({ ...row, amount: '1e3' }),
  (row) => ({ ...row, status: 'done' }),
];

const hex = (value, width) => value.toString(16).padStart(width, '0');
const pad = (value, width) => String(value).padStart(width, '0');

function formatAmount(units, digits) {
  const sign = units < 0 ? '-' : '';
  const text = pad(Math.abs(units), digits + 1);
  return digits === 0 ? `${sign}${text}` : `${sign}${text.slice(0, -digits)}.${text.slice(-digits)}`;
}

function generate(file, bytesWanted) {
  const next = random(20260301);
  const weightTotal = CURRENCIES.reduce((sum, [, , weight]) => sum + weight, 0);
  const accountCurrency = Array.from({ length: 20_000 }, () => {
    let pick = next() * weightTotal;
    for (const entry of CURRENCIES) if ((pick -= entry[2]) < 0) return entry;
    return CURRENCIES[0];
  });
  const partial = `${file}.partial`;
  const fd = openSync(partial, 'w');
  let written = 0;
  let batch = ['transaction_id,account_id,timestamp,currency,amount,status,merchant'];
  let batchChars = 0;
  let recentId = '';
  for (let n = 0; written + batchChars < bytesWanted; n++) {
    const accountIndex = Math.floor(next() * accountCurrency.length);
    const [currency, digits] = accountCurrency[accountIndex];
    const major = Math.floor(next() * 5000) * 10 ** digits + Math.floor(next() * 10 ** digits);
    let row = {
      id: `${hex(Math.floor(next() * 2 ** 32), 8)}-${hex(Math.floor(next() * 65536), 4)}-4${hex(Math.floor(next() * 4096), 3)}-a${hex(Math.floor(next() * 4096), 3)}-${hex(n, 12)}`,
      account: `ACC-${pad(accountIndex, 8)}`,
      timestamp:
        `2026-03-0${1 + Math.floor(next() * 7)}T${pad(Math.floor(next() * 24), 2)}:${pad(Math.floor(next() * 60), 2)}:` +
        `${pad(Math.floor(next() * 60), 2)}.${pad(Math.floor(next() * 1000), 3)}${ZONES[Math.floor(next() * ZONES.length)]}`,
      currency,
      amount: formatAmount(next() < 0.05 ? -major : major, digits),
      status: next() < 0.85 ? 'settled' : next() < 0.67 ? 'pending' : 'reversed',
      merchant: MERCHANTS[Math.floor(next() * MERCHANTS.length)],
    };
    if (next() < 0.01 && recentId !== '') row = BAD[Math.floor(next() * BAD.length)](row, recentId);
    else if (n % 1000 === 0) recentId = row.id;
    const line = `${row.id},${row.account},${row.timestamp},${row.currency},${row.amount},${row.status},${row.merchant}`;
    batch.push(line);
    batchChars += line.length + 1;
    if (batchChars > 4 * MIB) {
      written += writeSync(fd, `${batch.join('\n')}\n`);
      batch = [];
      batchChars = 0;
    }
  }
  if (batch.length > 0) written += writeSync(fd, `${batch.join('\n')}\n`);
  closeSync(fd);
  renameSync(partial, file);
}

/** Path of the bench file of `sizeMb` MiB, generating it first when this session has none. */
export function benchFile(sizeMb) {
  const file = join(tmpdir(), `transform-bench-v${GENERATOR_VERSION}-${sizeMb}mib.csv`);
  if (!existsSync(file)) {
    const started = performance.now();
    process.stderr.write(`generating ${file} …\n`);
    generate(file, sizeMb * MIB);
    process.stderr.write(`generated in ${((performance.now() - started) / 1000).toFixed(1)} s\n`);
  }
  return file;
}
