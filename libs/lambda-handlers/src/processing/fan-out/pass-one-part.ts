import { quarantineLineNumber } from './shift-quarantine-lines.js';

const LF = 0x0a;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPENING_BYTES = '{"transactionId":"'.length;

/**
 * Walks a shard's quarantine part (JSON lines, one entry each, in line order) past every entry on
 * lines 1..`lastLine`: how many there were and the byte where the first later entry starts.
 * Reads only as far as that entry.
 */
export async function skipQuarantineThrough(chunks: AsyncIterable<Uint8Array>, lastLine: number, where: string): Promise<{ entries: number; bytes: number }> {
  let entries = 0;
  let consumed = 0;
  let carry: Buffer = Buffer.alloc(0);
  for await (const chunk of chunks) {
    const bytes = carry.length > 0 ? Buffer.concat([carry, chunk]) : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    let start = 0;
    for (let end = bytes.indexOf(LF); end >= 0; end = bytes.indexOf(LF, start)) {
      if (quarantineLineNumber(bytes.subarray(start, end), `quarantine part ${where}, entry ${entries + 1}`) > lastLine) return { entries, bytes: consumed + start };
      entries++;
      start = end + 1;
    }
    consumed += start;
    carry = Buffer.from(bytes.subarray(start));
  }
  if (carry.length > 0) throw new Error(`fan-out: quarantine part ${where} ends inside an entry (truncated part)`);
  return { entries, bytes: consumed };
}

/**
 * Walks the first `count` lines of a shard's records part (normalized JSON lines, each starting
 * with its transaction id), handing each line's id and bytes to `visit`; returns the byte after
 * them. Reads only as far as that.
 */
export async function skipRecordLines(chunks: AsyncIterable<Uint8Array>, count: number, where: string, visit: (id: string, line: Buffer) => void): Promise<number> {
  let lines = 0;
  let consumed = 0;
  let carry: Buffer = Buffer.alloc(0);
  if (count === 0) return 0;
  for await (const chunk of chunks) {
    const bytes = carry.length > 0 ? Buffer.concat([carry, chunk]) : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    let start = 0;
    for (let end = bytes.indexOf(LF); end >= 0; end = bytes.indexOf(LF, start)) {
      const line = bytes.subarray(start, end);
      visit(recordId(line), line);
      start = end + 1;
      if (++lines === count) return consumed + start;
    }
    consumed += start;
    carry = Buffer.from(bytes.subarray(start));
  }
  throw new Error(`fan-out: records part ${where} has ${lines} lines, the head rerun needs ${count}`);
}

/** A processed line's transaction id: read between the quotes unless JSON escaped it. */
function recordId(line: Buffer): string {
  const end = line.indexOf(QUOTE, OPENING_BYTES);
  const id = line.subarray(OPENING_BYTES, end);
  return id.includes(BACKSLASH) ? (JSON.parse(line.toString('utf8')) as { transactionId: string }).transactionId : id.toString('utf8');
}
