import { JsonNumberText } from './field-rules.js';
import { FIELD_TABLE, ID_FIELD, MALFORMED_ROW } from './field-table.js';
import { topLevelNumberSources } from './json-number-sources.js';
import { JsonlLineReader } from './jsonl-line-reader.js';
import { pumpRecords, type RowPipeline } from './row-router.js';

function isJsonObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The line parsed, or undefined when it is not exactly one JSON value. */
function parseLine(source: string): unknown {
  try {
    return JSON.parse(source);
  } catch {
    return undefined;
  }
}

/**
 * One JSON Lines row. A line that is not exactly one JSON object (unparseable, trailing text, an
 * array, a bare value) is a `malformed_row`, quarantined with `record: {}` and the line in `raw`.
 * Each field's value goes to its rule as parsed, numbers as their exact source text
 * (`"amount": 10.5` reads as `10.5`, and `1e3` is an invalid amount); a rule decides what a
 * null, boolean, object or array means for its field (absent for the required fields, an
 * `invalid_merchant` for the merchant).
 */
function processJsonLine(line: number, source: string, { validator, router }: RowPipeline): void | Promise<void> {
  const object = parseLine(source);
  if (!isJsonObject(object)) return router.reject(line, MALFORMED_ROW, undefined, {}, source);
  let numbers: Map<string, string> | undefined;
  const values: Record<string, unknown> = {};
  for (const { name } of FIELD_TABLE) {
    const value = Object.hasOwn(object, name) ? object[name] : undefined;
    if (typeof value === 'number') {
      numbers ??= topLevelNumberSources(source);
      const text = numbers.get(name);
      values[name] = text === undefined ? undefined : new JsonNumberText(text);
    } else {
      values[name] = value;
    }
  }
  const outcome = validator.validate(values);
  if (typeof outcome !== 'string') return router.accept(outcome);
  const id = values[ID_FIELD];
  return router.reject(line, outcome, typeof id === 'string' ? id : id instanceof JsonNumberText ? id.source : undefined, object, source);
}

/** Runs every non-blank JSON Lines line through the rules. */
export async function processJsonlRows(chunks: AsyncIterable<Uint8Array>, pipeline: RowPipeline): Promise<void> {
  const reader = new JsonlLineReader(pipeline.maxRecordBytes);
  await pumpRecords(chunks, reader, (source) => processJsonLine(reader.line, source, pipeline));
}
