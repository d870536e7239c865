/*
 * Differential test: the same logical rows, written as different files, must be judged the same.
 *
 * CSV is tokenized by the WebAssembly processor core (processor-core.ts, sources in assembly/),
 * which hands csv-rows.ts its cells; JSON Lines is read in JavaScript (jsonl-line-reader.ts,
 * jsonl-rows.ts) and reaches the same field rules another way. SPEC §5 judges rows by their field
 * values, so how a file spells those values (quoted or not, LF or CRLF, column order, extra
 * columns, CSV or JSON Lines) must not change the valid records, the reasons, the line numbers, the
 * counts or the aggregates. Rows come from a seeded PRNG that mixes valid values with the edge cases
 * of each rule, so a divergence between the paths shows up as a row whose outcome differs.
 */
import { isDeepStrictEqual } from 'node:util';
import { describe, expect, it } from 'vitest';
import { REJECT_REASONS, type RejectReason } from '../../../src/processing/field-table.js';
import { SUPPORTED_CURRENCIES } from '../../../src/processing/currencies.js';
import { type Aggregate, type NormalizedRecord, type QuarantineEntry } from '../../../src/processing/types.js';
import { type FileFormat } from '../../../src/processing/file-format.js';
import { run, type Run } from './harness.js';
import { mulberry32 } from '@data-platform/workspace/seeded-random';

const CSV: FileFormat = { kind: 'csv', gzip: false };
const JSONL: FileFormat = { kind: 'jsonl', gzip: false };

// ---------------------------------------------------------------------------------------------
// Seeded randomness: the same seed gives the same files on every machine and every run.
// ---------------------------------------------------------------------------------------------

class Random {
  private readonly next: () => number;

  constructor(seed: number) {
    this.next = mulberry32(seed);
  }

  /** An integer in [0, bound). */
  below(bound: number): number {
    return Math.floor(this.next() * bound);
  }

  /** An integer in [min, max]. */
  between(min: number, max: number): number {
    return min + this.below(max - min + 1);
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }

  pick<T>(items: readonly T[]): T {
    return items[this.below(items.length)]!;
  }

  /** Calls one of the producers, chosen with probability proportional to its weight. */
  weighted<T>(options: ReadonlyArray<readonly [weight: number, produce: () => T]>): T {
    let roll = this.next() * options.reduce((sum, [weight]) => sum + weight, 0);
    for (const [weight, produce] of options) {
      roll -= weight;
      if (roll < 0) return produce();
    }
    return options[options.length - 1]![1]();
  }

  digits(count: number): string {
    let text = '';
    for (let i = 0; i < count; i++) text += String(this.below(10));
    return text;
  }

  hex(count: number): string {
    let text = '';
    for (let i = 0; i < count; i++) text += this.below(16).toString(16);
    return text;
  }

  shuffled<T>(items: readonly T[]): T[] {
    const copy = [...items];
    for (let i = copy.length - 1; i > 0; i--) {
      const j = this.below(i + 1);
      [copy[i], copy[j]] = [copy[j]!, copy[i]!];
    }
    return copy;
  }
}

// ---------------------------------------------------------------------------------------------
// Logical rows: field values as text, before any file format spells them.
// ---------------------------------------------------------------------------------------------

const FIELD_COLUMNS = ['transaction_id', 'account_id', 'timestamp', 'currency', 'amount', 'status', 'merchant'] as const;
/** A column no rule reads: CSV variant (3) and the JSON Lines variant carry it to prove it is ignored. */
const EXTRA_COLUMN = 'note';
type Column = (typeof FIELD_COLUMNS)[number] | typeof EXTRA_COLUMN;

interface LogicalRow {
  readonly transaction_id: string;
  readonly account_id: string;
  readonly timestamp: string;
  readonly currency: string;
  readonly amount: string;
  readonly status: string;
  /** undefined: absent, i.e. an empty CSV cell and no JSON member. */
  readonly merchant: string | undefined;
  readonly note: string;
}

/** A physical line of a file body: a row (its index) or a blank line (its spaces and tabs). */
type Slot = { readonly row: number } | { readonly blank: string };

interface Dataset {
  readonly rows: readonly LogicalRow[];
  readonly slots: readonly Slot[];
  /** Whether the last line ends with a line break; both endings must read the same. */
  readonly terminated: boolean;
}

function uuidLike(random: Random): string {
  return `${random.hex(8)}-${random.hex(4)}-4${random.hex(3)}-a${random.hex(3)}-${random.hex(12)}`;
}

/** Ids, valid or not; `earlier` holds every id generated so far, so repeats make duplicates. */
function transactionId(random: Random, serial: number, earlier: readonly string[]): string {
  const tag = String(serial);
  return random.weighted<string>([
    [50, () => uuidLike(random)],
    [8, () => `t${tag}`],
    [10, () => (earlier.length > 0 ? random.pick(earlier) : `t${tag}`)],
    // Exactly 64 characters is the longest valid id; 65 is one too many.
    [3, () => tag.padStart(64, 'x')],
    [3, () => tag.padStart(65, 'y')],
    // 64 code points but 128 UTF-16 units (valid), and 65 code points (invalid).
    [2, () => `${'😀'.repeat(64 - tag.length)}${tag}`],
    [1, () => `${'😀'.repeat(65 - tag.length)}${tag}`],
    [1, () => `${'é'.repeat(64 - tag.length)}${tag}`],
    [2, () => ''],
    [2, () => random.pick([' ', '   ', '\t', ' \t ', '\u00a0', '\u3000'])],
    [3, () => random.pick([` t${tag}`, `t${tag} `, `\tt${tag}`])],
    [2, () => `t\\${tag}`],
    [2, () => random.pick([`é-${tag}`, `Zürich-${tag}`, `🙂${tag}`])],
    [1, () => random.pick([`t\u0001${tag}`, `t\u001f${tag}`, `t\u007f${tag}`])],
  ]);
}

/** Few accounts, so groups collect several rows; the invalid ones are empty or whitespace. */
function accountId(random: Random): string {
  return random.weighted<string>([
    [60, () => random.pick(['acc-1', 'acc-2', 'acc-3'])],
    [8, () => random.pick(['Zürich-Konto', 'acc\\4', ' acc-1', 'acc-1 ', '口座-5'])],
    [6, () => random.pick(['', ' ', '  ', '\t', '\u00a0'])],
  ]);
}

const pad2 = (value: number): string => String(value).padStart(2, '0');

/** Few dates, including month, leap-day and year ends, so groups collect several rows. */
const DATES = ['2026-01-15', '2026-01-31', '2026-02-28', '2026-03-01', '2024-02-29', '2026-12-31', '2027-01-01'];
const ZONES = ['Z', 'Z', 'Z', '+00:00', '-00:00', '+01:00', '-05:00', '+05:30', '-09:30', '+14:00', '+23:59', '-23:59'];

/** Valid local times whose offset moves the UTC date across a day, month, leap day or year. */
const DATE_CROSSING_TIMESTAMPS = [
  '2026-12-31T23:30:00-05:00',
  '2026-01-01T00:10:00+01:00',
  '2026-02-28T22:00:00-03:00',
  '2024-02-29T23:59:59.999999999-00:01',
  '2024-03-01T00:00:00+00:01',
  '2026-01-31T23:00:00.5-01:00',
  '2027-01-01T00:00:00.000+00:30',
  '0001-01-01T00:00:00Z',
  '9999-12-31T23:59:59Z',
];

const INVALID_TIMESTAMPS = [
  '2025-02-29T10:00:00Z', // not a leap year
  '2026-02-30T10:00:00Z',
  '2026-04-31T10:00:00Z',
  '2026-13-01T10:00:00Z',
  '2026-00-10T10:00:00Z',
  '2026-01-15t10:00:00Z',
  '2026-01-15T10:00:00z',
  '2026-01-15T10:00Z', // no seconds
  '2026-01-15T24:00:00Z',
  '2026-01-15T23:59:60Z',
  '2026-01-15T23:60:00Z',
  '2026-01-15T10:00:00+24:00',
  '2026-01-15T10:00:00+01:60',
  '2026-01-15T10:00:00+0100',
  '2026-01-15T10:00:00+01',
  ' 2026-01-15T10:00:00Z',
  '2026-01-15T10:00:00Z ',
  '2026-01-15 10:00:00Z',
  '2026-01-15T10:00:00',
  '2026-01-15',
  '',
  '2026-01-15T10:00:00.Z',
  '0000-01-01T00:30:00+01:00', // UTC would be year -1
  '9999-12-31T23:30:00-01:00', // UTC would be year 10000
  '２０２６-01-15T10:00:00Z',
];

function timestamp(random: Random): string {
  const fraction = (): string => {
    const fractionDigits = random.pick([0, 0, 1, 3, 3, 6, 9]);
    return fractionDigits === 0 ? '' : `.${random.digits(fractionDigits)}`;
  };
  return random.weighted<string>([
    // Most rows on one busy day, at times whose UTC date is that same day, so groups fill up.
    [
      45,
      () => {
        const time = `${pad2(random.between(2, 21))}:${pad2(random.below(60))}:${pad2(random.below(60))}`;
        return `2026-01-15T${time}${fraction()}${random.pick(['Z', 'Z', '+01:00', '-01:00'])}`;
      },
    ],
    [
      25,
      () => {
        const time = `${pad2(random.below(24))}:${pad2(random.below(60))}:${pad2(random.below(60))}`;
        return `${random.pick(DATES)}T${time}${fraction()}${random.pick(ZONES)}`;
      },
    ],
    [10, () => random.pick(DATE_CROSSING_TIMESTAMPS)],
    [8, () => random.pick(INVALID_TIMESTAMPS)],
  ]);
}

const ALL_CURRENCIES = [...SUPPORTED_CURRENCIES.keys()];

function currency(random: Random): string {
  return random.weighted<string>([
    [40, () => 'USD'],
    [30, () => random.pick(['EUR', 'JPY', 'KWD', 'BHD'])],
    [12, () => random.pick(ALL_CURRENCIES)],
    [6, () => random.pick(['usd', 'Usd', 'XYZ', '', ' USD', 'USD ', 'US', 'USDX', 'ÜSD', '€'])],
  ]);
}

const INVALID_AMOUNTS = [
  '1.',
  '.5',
  '+1',
  '+1.00',
  '1e3',
  '1E3',
  ' 1',
  '1 ',
  '\t1',
  '',
  '-',
  '--1',
  '1.2.3',
  '0x1A',
  'NaN',
  'Infinity',
  '1_000',
  '١٢',
  '\u22121', // U+2212 minus sign
];

/** Amounts around the precision of `currencyCode` (or a guessed one when it is not supported). */
function amount(random: Random, currencyCode: string): string {
  const minorDigits = SUPPORTED_CURRENCIES.get(currencyCode) ?? random.pick([0, 2, 3]);
  const sign = (): string => (random.chance(0.2) ? '-' : '');
  return random.weighted<string>([
    [
      45,
      () => {
        const integer = random.digits(random.between(1, 6));
        const fractionDigits = minorDigits > 0 && random.chance(0.7) ? random.between(1, minorDigits) : 0;
        return `${sign()}${integer}${fractionDigits > 0 ? `.${random.digits(fractionDigits)}` : ''}`;
      },
    ],
    // One fraction digit more than the currency has: invalid (1.005 USD, 1.5 JPY, 1.0005 KWD).
    [8, () => `${sign()}${random.digits(random.between(1, 4))}.${random.digits(minorDigits + 1)}`],
    [5, () => random.pick(['1.005', '100', '1.5', '0.01', '1.50', '1.0005'])],
    [5, () => random.pick(['-0', '-0.00', '0', '0.000', '007.50', '-007', '00'])],
    // 16-18 digits: beyond 2^53, so the sums must be exact integers, not doubles; 19-30 digits: at
    // or past the 10^18 bound, invalid.
    [
      10,
      () => {
        const total = random.chance(0.7) ? random.between(16, 18) : random.between(19, 30);
        const fractionDigits = Math.min(minorDigits, random.below(4));
        const integer = `${random.between(1, 9)}${random.digits(total - fractionDigits - 1)}`;
        return `${sign()}${integer}${fractionDigits > 0 ? `.${random.digits(fractionDigits)}` : ''}`;
      },
    ],
    [7, () => random.pick(INVALID_AMOUNTS)],
  ]);
}

function status(random: Random): string {
  return random.weighted<string>([
    [85, () => random.pick(['settled', 'settled', 'pending', 'reversed'])],
    [6, () => random.pick(['Settled', 'SETTLED', 'done', '', ' settled', 'settled '])],
  ]);
}

function merchant(random: Random): string | undefined {
  return random.weighted<string | undefined>([
    [20, () => undefined],
    [10, () => ''],
    [40, () => random.pick(['Shop', 'Coffee Bar', 'Amazon EU'])],
    [20, () => random.pick(['Migros Zürich', 'Café 😀', 'back\\slash', 'tab\there', ' padded ', 'ctl\u0001', '百货'])],
  ]);
}

function note(random: Random): string {
  return random.pick(['', 'n', 'ignored', 'ñ', '   ', 'x\\y']);
}

/**
 * Rows whose values never need CSV quoting (no `,` `"` CR or LF), so every variant can spell them,
 * with a few blank lines (empty, spaces, tabs) between them.
 */
function generateDataset(seed: number, rowCount: number): Dataset {
  const random = new Random(seed);
  const rows: LogicalRow[] = [];
  const earlierIds: string[] = [];
  const slots: Slot[] = [];
  for (let serial = 0; serial < rowCount; serial++) {
    const id = transactionId(random, serial, earlierIds);
    earlierIds.push(id);
    const currencyCode = currency(random);
    rows.push({
      transaction_id: id,
      account_id: accountId(random),
      timestamp: timestamp(random),
      currency: currencyCode,
      amount: amount(random, currencyCode),
      status: status(random),
      merchant: merchant(random),
      note: note(random),
    });
    if (random.chance(0.03)) slots.push({ blank: random.pick(['', ' ', '\t', '  \t ']) });
    slots.push({ row: serial });
  }
  return { rows, slots, terminated: random.chance(0.5) };
}

/**
 * Values that force CSV quoting: commas, quotes and bare CRs. A line break inside a value cannot
 * be written in CSV at all (one physical line is one record, SPEC §5); JSON Lines carries those.
 */
const NEEDS_QUOTING = [',', '"', '""', '\r', 'Smith, Jones & "Co"', 'a,\rb', '"quoted"', ',,', 'x"y'];

/** The same mix, with some values carrying text that needs quoting (so CSV rows may span lines). */
function generateQuotingDataset(seed: number, rowCount: number): Dataset {
  const base = generateDataset(seed, rowCount);
  const random = new Random(seed + 1);
  const spoil = (value: string): string =>
    random.weighted<string>([
      [6, () => `${value}${random.pick(NEEDS_QUOTING)}`],
      [2, () => `${random.pick(NEEDS_QUOTING)}${value}`],
      [1, () => random.pick(NEEDS_QUOTING)],
    ]);
  const maybe = (value: string, probability: number): string => (random.chance(probability) ? spoil(value) : value);
  const rows = base.rows.map((row) => ({
    transaction_id: maybe(row.transaction_id, 0.08),
    account_id: maybe(row.account_id, 0.05),
    timestamp: maybe(row.timestamp, 0.03),
    currency: maybe(row.currency, 0.02),
    amount: maybe(row.amount, 0.03),
    status: maybe(row.status, 0.02),
    merchant: random.chance(0.3) ? spoil(row.merchant ?? '') : row.merchant,
    note: maybe(row.note, 0.2),
  }));
  return { ...base, rows };
}

// ---------------------------------------------------------------------------------------------
// Spelling a dataset as a file.
// ---------------------------------------------------------------------------------------------

/** One file spelling of a dataset and what its rows must look like in quarantine entries. */
interface Variant {
  readonly name: string;
  readonly format: FileFormat;
  readonly text: string;
  /** Physical line (1-based) on which each row starts. */
  readonly lines: readonly number[];
  /** How each row is written in `text`, for failure messages. */
  readonly rowTexts: readonly string[];
  /** The quarantine entry's `record` (and, for JSON Lines, `raw`) for each row. */
  readonly quarantineFields: ReadonlyArray<Pick<QuarantineEntry, 'record' | 'raw'>>;
}

function cellOf(row: LogicalRow, column: Column): string {
  return column === 'merchant' ? (row.merchant ?? '') : row[column];
}

function quoteCell(cell: string): string {
  return `"${cell.replaceAll('"', '""')}"`;
}

function needsQuoting(cell: string): boolean {
  return /[",\r\n]/.test(cell);
}

interface CsvSpelling {
  readonly name: string;
  readonly columns: readonly Column[];
  readonly lineEnd: '\n' | '\r\n';
  /** Whether to quote a cell; cells that need quoting are always quoted. `row` is -1 for the header. */
  readonly quote: (row: number, column: Column) => boolean;
}

function csvVariant(dataset: Dataset, spelling: CsvSpelling): Variant {
  const { columns, lineEnd, quote } = spelling;
  const render = (cells: readonly string[], row: number): string =>
    cells.map((cell, i) => (needsQuoting(cell) || quote(row, columns[i]!) ? quoteCell(cell) : cell)).join(',');

  const physical = [render(columns, -1)];
  const lines: number[] = [];
  const rowTexts: string[] = [];
  let nextLine = 2; // the header is line 1
  for (const slot of dataset.slots) {
    if ('blank' in slot) {
      physical.push(slot.blank);
      nextLine++;
      continue;
    }
    const row = dataset.rows[slot.row]!;
    const text = render(
      columns.map((column) => cellOf(row, column)),
      slot.row,
    );
    physical.push(text);
    rowTexts[slot.row] = text;
    lines[slot.row] = nextLine;
    nextLine += text.split('\n').length; // an LF inside a quoted value starts another physical line
  }
  const text = physical.join(lineEnd) + (dataset.terminated ? lineEnd : '');
  const quarantineFields = dataset.rows.map((row) => ({
    record: Object.fromEntries(columns.map((column) => [column, cellOf(row, column)])),
  }));
  return { name: spelling.name, format: CSV, text, lines, rowTexts, quarantineFields };
}

/** Every field a JSON string, members in `columns` order, merchant omitted when absent. */
function jsonlVariant(dataset: Dataset, columns: readonly Column[]): Variant {
  const objects = dataset.rows.map((row) =>
    Object.fromEntries(
      columns.filter((column) => column !== 'merchant' || row.merchant !== undefined).map((column) => [column, cellOf(row, column)]),
    ),
  );
  const sources = objects.map((object) => JSON.stringify(object));
  const physical: string[] = [];
  const lines: number[] = [];
  for (const slot of dataset.slots) {
    if ('blank' in slot) {
      physical.push(slot.blank);
    } else {
      physical.push(sources[slot.row]!);
      lines[slot.row] = physical.length; // JSON escapes line breaks: one row, one line; no header
    }
  }
  const text = physical.join('\n') + (dataset.terminated ? '\n' : '');
  const quarantineFields = objects.map((record, row) => ({ record, raw: sources[row]! }));
  return { name: '(4) JSON Lines, every field a string', format: JSONL, text, lines, rowTexts: sources, quarantineFields };
}

/** The four spellings (1)-(4) this test is about, plus (5), which mixes quoted and unquoted lines. */
function variantsOf(dataset: Dataset, seed: number): Variant[] {
  const random = new Random(seed ^ 0x5eed);
  const shuffledColumns = random.shuffled<Column>([...FIELD_COLUMNS, EXTRA_COLUMN]);
  // Per row: unquoted (fast path) or some cells quoted (general path), so both paths alternate
  // within one buffer and any position cached across lines is exercised.
  const quotedCells = new Map<number, ReadonlySet<Column>>();
  for (let row = -1; row < dataset.rows.length; row++) {
    if (random.chance(0.5)) quotedCells.set(row, new Set(FIELD_COLUMNS.filter(() => random.chance(0.4))));
  }
  return [
    csvVariant(dataset, { name: '(1) plain CSV, LF', columns: FIELD_COLUMNS, lineEnd: '\n', quote: () => false }),
    csvVariant(dataset, { name: '(2) every cell quoted, LF', columns: FIELD_COLUMNS, lineEnd: '\n', quote: () => true }),
    csvVariant(dataset, { name: '(3) CRLF, shuffled columns + extra', columns: shuffledColumns, lineEnd: '\r\n', quote: () => false }),
    jsonlVariant(dataset, shuffledColumns),
    csvVariant(dataset, {
      name: '(5) some lines partly quoted, CRLF',
      columns: FIELD_COLUMNS,
      lineEnd: '\r\n',
      quote: (row, column) => quotedCells.get(row)?.has(column) ?? false,
    }),
  ];
}

// ---------------------------------------------------------------------------------------------
// Reading a run back row by row.
// ---------------------------------------------------------------------------------------------

type RowOutcome = { readonly accepted: NormalizedRecord } | { readonly rejected: RejectReason };

function compareCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** SPEC §5's aggregates recomputed from the valid records with BigInt: an oracle for the sums. */
function aggregatesOf(records: readonly NormalizedRecord[]): Aggregate[] {
  const groups = new Map<string, { accountId: string; currency: string; date: string; count: number; sums: Record<string, bigint> }>();
  for (const record of records) {
    const key = JSON.stringify([record.accountId, record.currency, record.date]);
    let group = groups.get(key);
    if (group === undefined) {
      group = { accountId: record.accountId, currency: record.currency, date: record.date, count: 0, sums: { settled: 0n, pending: 0n, reversed: 0n } };
      groups.set(key, group);
    }
    group.count++;
    group.sums[record.status]! += BigInt(record.amountMinor);
  }
  return [...groups.values()]
    .sort((a, b) => compareCodeUnits(a.accountId, b.accountId) || compareCodeUnits(a.currency, b.currency) || compareCodeUnits(a.date, b.date))
    .map((group) => ({
      accountId: group.accountId,
      currency: group.currency,
      date: group.date,
      transactionCount: group.count,
      settledMinor: group.sums.settled!.toString(),
      pendingMinor: group.sums.pending!.toString(),
      reversedMinor: group.sums.reversed!.toString(),
    }));
}

/** Index of the first position where the arrays differ (deep, strict), or -1. */
function firstDifference<T>(actual: readonly T[], expected: readonly T[]): number {
  for (let i = 0; i < Math.max(actual.length, expected.length); i++) {
    if (!isDeepStrictEqual(actual[i], expected[i])) return i;
  }
  return -1;
}

/**
 * Strict equality of two long arrays that reports only the first difference, labelled by
 * `label`, instead of a diff of thousands of rows. When they are equal, both sides of the final
 * assertion are `undefined`.
 */
function expectSameItems<T>(actual: readonly T[], expected: readonly T[], label: (index: number) => string): void {
  const index = firstDifference(actual, expected);
  expect(actual[index], index === -1 ? 'equal' : label(index)).toStrictEqual(expected[index]);
}

/**
 * Checks a run against the rows it was made from (every row either valid or quarantined, in
 * order, at its own line, with its own cells) and returns each row's outcome for comparison.
 */
function outcomesByRow(dataset: Dataset, variant: Variant, outcome: Run): RowOutcome[] {
  const rowByLine = new Map(variant.lines.map((line, row) => [line, row]));
  const stray = outcome.quarantined.find((entry) => !rowByLine.has(entry.line));
  expect(stray, `${variant.name}: a quarantine entry on a line where no row starts`).toBeUndefined();
  const quarantinedRows = outcome.quarantined.map((entry) => rowByLine.get(entry.line)!);
  const outOfOrder = quarantinedRows.findIndex((row, i) => i > 0 && row <= quarantinedRows[i - 1]!);
  expect(outOfOrder, `${variant.name}: index of the first quarantine entry out of file order`).toBe(-1);

  // Only the reason is taken from the run (the variants are compared on it below); the line, id,
  // record and raw text follow from the row alone.
  const expectedEntries = outcome.quarantined.map((entry, i): QuarantineEntry => {
    const row = quarantinedRows[i]!;
    const id = dataset.rows[row]!.transaction_id;
    return {
      line: variant.lines[row]!,
      reason: entry.reason,
      ...(id.length > 0 ? { transactionId: id } : {}),
      ...variant.quarantineFields[row]!,
    };
  });
  expectSameItems(outcome.quarantined, expectedEntries, (i) => {
    const row = quarantinedRows[i]!;
    return `${variant.name}: quarantine entry of row ${row}, written ${JSON.stringify(variant.rowTexts[row])}`;
  });

  const rejected = new Map(quarantinedRows.map((row, i) => [row, outcome.quarantined[i]!.reason]));
  const acceptedRows = dataset.rows.flatMap((_, row) => (rejected.has(row) ? [] : [row]));
  expectSameItems(
    outcome.valid.map((record) => record.transactionId),
    acceptedRows.map((row) => dataset.rows[row]!.transaction_id),
    (i) => `${variant.name}: valid record ${i} should be row ${acceptedRows[i]}, written ${JSON.stringify(variant.rowTexts[acceptedRows[i]!])}`,
  );
  const validByRow = new Map(acceptedRows.map((row, i) => [row, outcome.valid[i]!]));
  const outcomes = dataset.rows.map((_, row): RowOutcome => {
    const reason = rejected.get(row);
    return reason !== undefined ? { rejected: reason } : { accepted: validByRow.get(row)! };
  });

  expect(outcome.result.records, `${variant.name}: counts`).toStrictEqual({
    total: dataset.rows.length,
    valid: outcome.valid.length,
    quarantined: outcome.quarantined.length,
  });
  expect(outcome.result.aggregates, `${variant.name}: aggregates`).toStrictEqual(aggregatesOf(outcome.valid));
  return outcomes;
}

/**
 * Runs every variant, checks each against its rows, and compares each row's outcome with the
 * first variant's. Returns the first variant's run.
 */
async function expectEquivalentVariants(dataset: Dataset, variants: readonly Variant[]): Promise<Run> {
  const runs: Run[] = [];
  const outcomes: RowOutcome[][] = [];
  for (const variant of variants) {
    const outcome = await run(variant.text, variant.format);
    runs.push(outcome);
    outcomes.push(outcomesByRow(dataset, variant, outcome));
  }
  const reference = variants[0]!;
  variants.forEach((variant, v) => {
    // Same outcome per row means the same valid records (in order), reasons, ids and line mapping.
    expectSameItems(outcomes[v]!, outcomes[0]!, (row) =>
      [
        `${variant.name} vs ${reference.name}, row ${row}: ${JSON.stringify(dataset.rows[row])}`,
        `  ${reference.name}: ${JSON.stringify(reference.rowTexts[row])}`,
        `  ${variant.name}: ${JSON.stringify(variant.rowTexts[row])}`,
      ].join('\n'),
    );
    // The fast path writes lines itself; they must be byte for byte JSON.stringify's.
    expect(runs[v]!.processed, `${variant.name}: processed bytes`).toBe(runs[0]!.processed);
    expect(runs[v]!.processed, `${variant.name}: processed lines`).toBe(
      runs[v]!.valid.map((record) => `${JSON.stringify(record)}\n`).join(''),
    );
    expect(runs[v]!.result.records, `${variant.name}: counts`).toStrictEqual(runs[0]!.result.records);
    expect(runs[v]!.result.aggregates, `${variant.name}: aggregates`).toStrictEqual(runs[0]!.result.aggregates);
  });
  return runs[0]!;
}

// ---------------------------------------------------------------------------------------------
// The tests.
// ---------------------------------------------------------------------------------------------

const TWO_TO_THE_53 = 2n ** 53n;

describe('the same rows give the same outcome in every file spelling', () => {
  describe.each([
    { seed: 1, rowCount: 2000 },
    { seed: 20260115, rowCount: 1500 },
    { seed: 0xc0ffee, rowCount: 800 },
    { seed: 424242, rowCount: 300 },
  ])('seed $seed, $rowCount rows', ({ seed, rowCount }) => {
    const dataset = generateDataset(seed, rowCount);
    const variants = variantsOf(dataset, seed);

    it('gives the same valid records, reasons, lines, ids, counts and aggregates', async () => {
      const reference = await expectEquivalentVariants(dataset, variants);

      // Guards against a generator that drifted into testing nothing: every rule is broken somewhere,
      // many rows pass, groups hold several rows, and some sums need more than a double.
      // (malformed_row is about how a line is spelled, and a CSV merchant is always a string.)
      const valueReasons = REJECT_REASONS.filter((reason) => reason !== 'malformed_row' && reason !== 'invalid_merchant');
      expect(new Set(reference.quarantined.map((entry) => entry.reason))).toEqual(new Set(valueReasons));
      expect(reference.valid.length).toBeGreaterThan(rowCount / 4);
      expect(Math.max(...reference.result.aggregates.map((group) => group.transactionCount))).toBeGreaterThanOrEqual(5);
      const sums = reference.result.aggregates.flatMap((g) => [g.settledMinor, g.pendingMinor, g.reversedMinor].map(BigInt));
      expect(sums.some((sum) => sum > TWO_TO_THE_53 || sum < -TWO_TO_THE_53)).toBe(true);
    });
  });
});

describe('the same file gives the same outcome whatever the chunk size', () => {
  // Chunk boundaries land inside UTF-8 characters, CRLF pairs, doubled quotes and between a
  // closing quote and its delimiter. One-byte chunks cost an async step per byte, so this file is
  // small; the other sizes cover the large datasets above.
  const seed = 8675309;
  const smallDataset = generateDataset(seed, 120);
  const largeDataset = generateDataset(seed + 1, 800);
  const random = new Random(seed);

  it.each([
    { name: '120 rows', dataset: smallDataset, chunkSizes: [1, 3, random.between(4, 16)] },
    { name: '800 rows', dataset: largeDataset, chunkSizes: [7, 64, 1000, random.between(17, 200), random.between(201, 5000)] },
  ])('$name in chunks of $chunkSizes bytes', async ({ dataset, chunkSizes }) => {
    for (const variant of variantsOf(dataset, seed)) {
      const whole = await run(variant.text, variant.format);
      for (const chunkSize of chunkSizes) {
        const chunked = await run(variant.text, variant.format, { chunkSize });
        expect(chunked, `${variant.name}, ${chunkSize}-byte chunks`).toStrictEqual(whole);
      }
    }
  });
});

describe('values that need quoting: quoted CSV and JSON Lines agree', () => {
  it.each([7, 31337, 99991])('seed %i', async (seed) => {
    const dataset = generateQuotingDataset(seed, 600);
    const random = new Random(seed ^ 0x9e37);
    const variants = [
      csvVariant(dataset, { name: 'every cell quoted, LF', columns: FIELD_COLUMNS, lineEnd: '\n', quote: () => true }),
      jsonlVariant(dataset, FIELD_COLUMNS),
      // Only the cells that need it quoted: lines without such a value take the unquoted path.
      csvVariant(dataset, { name: 'quoted only where needed, CRLF', columns: random.shuffled(FIELD_COLUMNS), lineEnd: '\r\n', quote: () => false }),
    ];
    // Quoted commas, doubled quotes and bare CRs all occur: make sure the generator produced them.
    for (const needle of [',', '""', '\r']) expect(variants[0]!.rowTexts.some((text) => text.includes(needle))).toBe(true);

    await expectEquivalentVariants(dataset, variants);

    for (const variant of variants) {
      const whole = await run(variant.text, variant.format);
      for (const chunkSize of [13, random.between(2, 64), random.between(65, 2000)]) {
        expect(await run(variant.text, variant.format, { chunkSize }), `${variant.name}, ${chunkSize}-byte chunks`).toStrictEqual(whole);
      }
    }
  });
});
