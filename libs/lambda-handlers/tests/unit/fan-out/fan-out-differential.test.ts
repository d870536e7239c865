import { describe, expect, it } from 'vitest';
import type { FileFormat } from '../../../src/processing/file-format.js';
import { HEADER, row } from '../processing/harness.js';
import { fanOutPath, singlePath } from './fan-out-harness.js';

const CSV: FileFormat = { kind: 'csv', gzip: false };
const JSONL: FileFormat = { kind: 'jsonl', gzip: false };
const SHARD_SIZES = [150, 400, 1500, 1 << 20];

/**
 * A CSV file with everything a cut can get wrong: ids repeated far apart (first occurrence
 * several shards back), malformed lines, CRLF endings, runs of blank lines, bad rows of every kind,
 * several accounts and days so aggregates from different shards add up.
 */
function mixedCsv(lines: number, newline: (i: number) => string): string {
  let text = `${HEADER}${newline(0)}`;
  for (let i = 1; i <= lines; i++) {
    let line: string;
    if (i % 97 === 0) line = '';
    else if (i % 41 === 0) line = `t${i},"acc-1,2026-01-15T10:00:00Z,USD,1.00,settled,Shop`; // unbalanced quote
    else if (i % 37 === 0) line = row({ id: `t${i - 30}`, account: 'acc-dup' }); // duplicate of an earlier row
    else if (i % 53 === 0) line = row({ id: 't1' }); // duplicate of the very first row
    else if (i % 29 === 0) line = row({ id: `t${i}`, amount: '1.234' });
    else if (i % 31 === 0) line = row({ id: '', account: 'acc-2' });
    else line = row({ id: `t${i}`, account: `acc-${i % 5}`, amount: `${i % 300}.${i % 10}5`, status: ['settled', 'pending', 'reversed'][i % 3]!, timestamp: `2026-01-${10 + (i % 7)}T23:59:59+02:00` });
    text += line + newline(i);
  }
  return text;
}

function jsonl(lines: number): string {
  const rows: string[] = [];
  for (let i = 1; i <= lines; i++) {
    if (i % 43 === 0) rows.push('{"transaction_id": "broken"');
    else if (i % 59 === 0) rows.push('   ');
    else
      rows.push(
        JSON.stringify({ transaction_id: i % 23 === 0 ? `j${i - 20}` : `j${i}`, account_id: `a${i % 4}`, timestamp: '2026-02-01T00:00:00.5Z', currency: i % 11 === 0 ? 'JPY' : 'EUR', amount: i % 11 === 0 ? '12' : '3.10', status: 'pending' }),
      );
  }
  return `${rows.join('\r\n')}\r\n`;
}

async function expectSameOutputs(text: string | Uint8Array, format: FileFormat): Promise<void> {
  const bytes = typeof text === 'string' ? Buffer.from(text, 'utf8') : text;
  const single = await singlePath(bytes, format);
  expect(single.result.records.quarantined).toBeGreaterThan(0);
  for (const shardBytes of SHARD_SIZES) {
    const fanned = await fanOutPath(bytes, format, shardBytes);
    expect({ shardBytes, ...fanned, shards: undefined }).toEqual({ shardBytes, ...single, shards: undefined });
    if (shardBytes < bytes.length / 4) expect(fanned.shards).toBeGreaterThan(3);
  }
}

describe('fan-out path gives the single path\'s outputs byte for byte', () => {
  it('LF CSV with duplicates across shards, malformed lines and blank lines', async () => {
    await expectSameOutputs(mixedCsv(300, () => '\n'), CSV);
  });

  it('CRLF CSV, so cuts land between CR and LF', async () => {
    await expectSameOutputs(mixedCsv(300, () => '\r\n'), CSV);
  });

  it('mixed line endings, a BOM and no final newline', async () => {
    const text = mixedCsv(400, (i) => (i % 3 === 0 ? '\r\n' : '\n'));
    await expectSameOutputs(`\uFEFF${text.trimEnd()}`, CSV);
  });

  it('a shard of only blank lines', async () => {
    const text = `${HEADER}\n${row({ id: 'a' })}\n${'\n'.repeat(900)}${row({ id: 'a' })}\n${row({ id: 'b', amount: 'x' })}\n`;
    await expectSameOutputs(text, CSV);
  });

  it('ids that JSON escapes (quote, backslash, non-ASCII) repeated across shards', async () => {
    const ids = ['"q""1"', 'back\\slash', 'é-ü-∑', 'tab\there'];
    const rows = [...ids, ...ids].map((id, i) => row({ id, amount: i === 2 ? '1.001' : '2.50' }));
    await expectSameOutputs(`${HEADER}\n${rows.join('\n')}\n`, CSV);
  });

  it('JSON Lines with CRLF, malformed and whitespace-only lines', async () => {
    await expectSameOutputs(jsonl(300), JSONL);
  });
});
