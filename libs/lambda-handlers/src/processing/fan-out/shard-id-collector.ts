import type { QuarantineEntry } from '../types.js';

/** Reasons whose row's id was never remembered (SPEC §5 rule order: the line, then the id). */
const UNREMEMBERED = new Set(['malformed_row', 'invalid_id']);
const OPENING = Buffer.from('{"transactionId":"');
const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const LF = 0x0a;

/**
 * The transaction ids the single path would remember on one shard's rows (valid rows, and
 * rejected rows whose id passed `invalid_id`), read off the processor's own output so that
 * "remembered" means exactly what it means there. {@link run} gives them once each, sorted by
 * UTF-16 code units: the shard's run for mergeIdRuns.
 */
export class ShardIdCollector {
  // An array, deduplicated once sorted: a Set hashes every fresh id string, which cost more than the sort.
  private readonly ids: string[] = [];

  /** Ids of processed JSON lines: every line starts with the id (OUTPUT_KEYS order), escaped only when it must be. */
  fromProcessed(lines: Uint8Array): void {
    const bytes = Buffer.from(lines.buffer, lines.byteOffset, lines.byteLength);
    for (let start = 0; start < bytes.length; ) {
      const lineEnd = bytes.indexOf(LF, start);
      const end = lineEnd < 0 ? bytes.length : lineEnd;
      const idStart = start + OPENING.length;
      const idEnd = bytes.indexOf(QUOTE, idStart);
      const escaped = bytes.subarray(idStart, idEnd).includes(BACKSLASH);
      this.ids.push(escaped ? (JSON.parse(bytes.toString('utf8', start, end)) as { transactionId: string }).transactionId : bytes.toString('utf8', idStart, idEnd));
      start = end + 1;
    }
  }

  fromQuarantined(entry: QuarantineEntry): void {
    if (entry.transactionId !== undefined && !UNREMEMBERED.has(entry.reason)) this.ids.push(entry.transactionId);
  }

  run(): string[] {
    // The default sort compares strings by UTF-16 code units, as compareCodeUnits does, without a call per comparison.
    const sorted = this.ids.sort();
    let unique = 0;
    for (let i = 0; i < sorted.length; i++) if (unique === 0 || sorted[i] !== sorted[unique - 1]) sorted[unique++] = sorted[i]!;
    sorted.length = unique;
    return sorted;
  }
}

/** Plain UTF-16 code-unit order, the order runs are sorted and merged in. */
export function compareCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
