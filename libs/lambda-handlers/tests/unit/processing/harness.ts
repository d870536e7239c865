import { processTransactionStream } from '../../../src/processing/process-transaction-stream.js';
import { type FileFormat } from '../../../src/processing/file-format.js';
import { type NormalizedRecord, type ProcessOptions, type ProcessingResult, type QuarantineEntry } from '../../../src/processing/types.js';

/** Everything one run produced, in arrival order. */
export interface Run {
  /** The processed JSON lines, parsed. */
  readonly valid: NormalizedRecord[];
  /** The processed output exactly as the sink received it. */
  readonly processed: string;
  readonly quarantined: QuarantineEntry[];
  readonly result: ProcessingResult;
}

/** Yields `bytes` in pieces of `size` bytes (the last may be shorter). */
export async function* chunked(bytes: Uint8Array, size = 64 * 1024): AsyncGenerator<Uint8Array> {
  for (let offset = 0; offset < bytes.length; offset += size) yield bytes.subarray(offset, offset + size);
}

/** Processes `input` (text is UTF-8 encoded) and collects what reached the sinks. */
export async function run(
  input: string | Uint8Array,
  format: FileFormat = { kind: 'csv', gzip: false },
  options: ProcessOptions & { chunkSize?: number } = {},
): Promise<Run> {
  const bytes = typeof input === 'string' ? Buffer.from(input, 'utf8') : input;
  const processed: Buffer[] = [];
  const quarantined: QuarantineEntry[] = [];
  const result = await processTransactionStream(
    chunked(bytes, options.chunkSize),
    format,
    {
      processed: (lines) => {
        processed.push(Buffer.from(lines));
      },
      quarantined: (entry) => {
        quarantined.push(entry);
      },
    },
    options,
  );
  const text = Buffer.concat(processed).toString('utf8');
  const valid = text
    .split('\n')
    .filter((line) => line.length > 0)
    .map((line) => JSON.parse(line) as NormalizedRecord);
  return { valid, processed: text, quarantined, result };
}

export const HEADER = 'transaction_id,account_id,timestamp,currency,amount,status,merchant';

/** A CSV file: the SPEC §5 header, then `rows`, LF-separated with a final LF. */
export function csv(...rows: string[]): string {
  return `${[HEADER, ...rows].join('\n')}\n`;
}

/** One valid CSV row; override any field. */
export function row(fields: Partial<Record<'id' | 'account' | 'timestamp' | 'currency' | 'amount' | 'status' | 'merchant', string>> = {}): string {
  const f = {
    id: 't1',
    account: 'acc-1',
    timestamp: '2026-01-15T10:00:00Z',
    currency: 'USD',
    amount: '10.00',
    status: 'settled',
    merchant: 'Shop',
    ...fields,
  };
  return [f.id, f.account, f.timestamp, f.currency, f.amount, f.status, f.merchant].join(',');
}

/** Reasons of the quarantined rows, in order. */
export function reasons(outcome: Run): string[] {
  return outcome.quarantined.map((entry) => entry.reason);
}
