import { topLevelNumberSources } from './json-number-sources.js';
import { JsonlLineReader } from './jsonl-line-reader.js';
import { pumpRecords, type RowPipeline } from './row-router.js';

function isJsonObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * One JSON Lines row. A line that is not a JSON object (unparseable, an array, a bare value) has
 * no fields, so it is judged by SPEC §5's table order like any row missing every field: it is
 * quarantined as `invalid_id`, with `record: {}` and the line in `raw`. String values are used as
 * they are; numbers by their exact source text (`"amount": 10.5` reads as `10.5`, and `1e3` is an
 * invalid amount); null, booleans, objects and arrays count as absent (an absent merchant is
 * simply omitted).
 */
function processJsonLine(line: number, source: string, { validator, router }: RowPipeline): void | Promise<void> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(source);
  } catch {
    parsed = undefined;
  }
  const object = isJsonObject(parsed) ? parsed : undefined;
  let numbers: Map<string, string> | undefined;
  const field = (name: string): string | undefined => {
    const value = object?.[name];
    if (typeof value === 'string') return value;
    if (typeof value !== 'number') return undefined;
    numbers ??= topLevelNumberSources(source);
    return numbers.get(name);
  };
  const transactionId = field('transaction_id');
  const outcome = validator.validate(
    transactionId,
    field('account_id'),
    field('timestamp'),
    field('currency'),
    field('amount'),
    field('status'),
    field('merchant'),
  );
  return typeof outcome === 'string'
    ? router.reject(line, outcome, transactionId, object ?? {}, source)
    : router.accept(outcome);
}

/** Runs every non-blank JSON Lines line through the rules. */
export async function processJsonlRows(chunks: AsyncIterable<Uint8Array>, pipeline: RowPipeline): Promise<void> {
  const reader = new JsonlLineReader(pipeline.maxRecordBytes);
  await pumpRecords(chunks, reader, (source) => processJsonLine(reader.line, source, pipeline));
}
