const PREFIX = Buffer.from('{"line":');
const LF = 0x0a;
const COMMA = 0x2c;
const RIGHT_BRACE = 0x7d;

/**
 * A shard's quarantine part, as the JSON lines `JSON.stringify(entry)` wrote (one entry a line),
 * with each entry's line moved by `shift` to the file's line: the assembly step. The row router
 * builds every entry with `line` as its first key, so each line starts `{"line":<digits>` and only
 * those digits change; the rest of the line is copied as bytes, never parsed, so assembly costs
 * a copy rather than a JSON round trip per entry (a few million entries on a 1 GiB file).
 * A line that does not start that way is an error naming the shard's part and its line.
 */
export async function* shiftQuarantineLines(chunks: AsyncIterable<Uint8Array>, shift: number, where: string): AsyncGenerator<Buffer> {
  let carry: Buffer = Buffer.alloc(0);
  let entryNumber = 0;
  for await (const chunk of chunks) {
    const bytes = carry.length > 0 ? Buffer.concat([carry, chunk]) : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    const last = bytes.lastIndexOf(LF);
    if (last < 0) {
      carry = Buffer.from(bytes);
      continue;
    }
    const out: Buffer[] = [];
    for (let start = 0; start <= last; ) {
      const end = bytes.indexOf(LF, start) + 1;
      out.push(shiftedLine(bytes.subarray(start, end), shift, where, ++entryNumber));
      start = end;
    }
    yield Buffer.concat(out);
    carry = Buffer.from(bytes.subarray(last + 1));
  }
  if (carry.length > 0) yield shiftedLine(carry, shift, where, ++entryNumber);
}

function shiftedLine(line: Buffer, shift: number, where: string, entryNumber: number): Buffer {
  const digitsEnd = leadingDigitsEnd(line, `quarantine part ${where}, entry ${entryNumber}`);
  const shifted = Number(line.toString('latin1', PREFIX.length, digitsEnd)) + shift;
  return Buffer.concat([PREFIX, Buffer.from(String(shifted), 'latin1'), line.subarray(digitsEnd)]);
}

/** The line number a quarantine part's JSON line starts with (`{"line":N`); `what` names it in the error otherwise. */
export function quarantineLineNumber(line: Buffer, what: string): number {
  return Number(line.toString('latin1', PREFIX.length, leadingDigitsEnd(line, what)));
}

function leadingDigitsEnd(line: Buffer, what: string): number {
  let digitsEnd = PREFIX.length;
  while (digitsEnd < line.length && line[digitsEnd]! >= 0x30 && line[digitsEnd]! <= 0x39) digitsEnd++;
  const after = line[digitsEnd];
  if (!line.subarray(0, PREFIX.length).equals(PREFIX) || digitsEnd === PREFIX.length || (after !== COMMA && after !== RIGHT_BRACE)) {
    throw new Error(`fan-out: ${what}: does not start with {"line":<number>`);
  }
  return digitsEnd;
}
