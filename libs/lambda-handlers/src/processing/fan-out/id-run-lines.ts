const LF = 0x0a;
const QUOTE = '"';

/**
 * A shard's id run as text, one id a line: the id itself, or its JSON string when it holds a line
 * feed or starts with a quote (so any id survives). Most ids are plain, so reading a run back is a
 * split and a slice per id, not a JSON parse: the merge reads every id of the file.
 */
export function encodeIdRunLine(id: string): string {
  return id.includes('\n') || id.startsWith(QUOTE) ? `${JSON.stringify(id)}\n` : `${id}\n`;
}

/**
 * The ids of a run written with {@link encodeIdRunLine}, from its bytes in chunks of any size
 * (a file read piece by piece, an S3 body), synchronously: a merge over many runs pulls one id at
 * a time from each, and an `await` per id costs more than the id.
 */
export function* decodeIdRunLines(chunks: Iterable<Uint8Array>): Generator<string> {
  let carry: Buffer = Buffer.alloc(0);
  for (const chunk of chunks) {
    const bytes = carry.length > 0 ? Buffer.concat([carry, chunk]) : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    let start = 0;
    for (let end = bytes.indexOf(LF); end >= 0; end = bytes.indexOf(LF, start)) {
      yield decodeLine(bytes.toString('utf8', start, end));
      start = end + 1;
    }
    carry = Buffer.from(bytes.subarray(start));
  }
  if (carry.length > 0) throw new Error('fan-out: an id run ends without a line feed (truncated run)');
}

function decodeLine(line: string): string {
  return line.startsWith(QUOTE) ? (JSON.parse(line) as string) : line;
}
