import { parseAmountMinor } from './amount.js';
import type { CurrencyTable } from './currencies.js';
import { normalizeTimestamp } from './timestamp.js';
import type { TransactionIdIndex } from './transaction-id-index.js';
import { TRANSACTION_STATUSES, type NormalizedRecord } from './types.js';

/*
 * The JavaScript field rules of SPEC §5: the reference the processor core's fast path
 * (assembly/fields.ts) is held to, field by field (tests/unit/processing/field-rules-differential.test.ts),
 * and the general path for every row the core declines and for JSON Lines. FIELD_TABLE
 * (field-table.ts) says which rule checks which field, in which order, under which reason.
 */

/** A JSON number's exact source text (`JSON.parse` would round `12345678901234567.89`). */
export class JsonNumberText {
  constructor(readonly source: string) {}
}

/** What one row's rules share: the file's id set and currencies, and the record being built. */
export interface RuleState {
  readonly ids: TransactionIdIndex;
  readonly currencies: CurrencyTable;
  /** The row's currency's minor digits, once its currency rule passed. */
  minorDigits: number;
  /** Filled in table order, which is NormalizedRecord's key order. */
  readonly record: Partial<Record<keyof NormalizedRecord, string>>;
}

/**
 * A field rule: checks `value` (a string, a {@link JsonNumberText}, `undefined` when absent, or
 * any other JSON value), writes what it normalizes into `state.record`, and returns the index of
 * the broken reason in its table row's `reasons`, or -1 when the value passes.
 */
export type FieldRule = (value: unknown, state: RuleState) => number;

const PASS = -1;
const MAX_ID_CODE_POINTS = 64;

/** Text of a value that carries text: a string, or a JSON number's source. */
function textOf(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  return value instanceof JsonNumberText ? value.source : undefined;
}

/** Empty or only whitespace; the ASCII fast path skips `trim()` for the usual ids. */
export function isBlank(text: string): boolean {
  if (text.length === 0) return true;
  const first = text.charCodeAt(0);
  if (first > 0x20 && first < 0x7f) return false;
  return text.trim().length === 0;
}

/** Non-blank and at most 64 code points (astral characters count once). */
export function isValidId(id: string): boolean {
  if (id.length > 2 * MAX_ID_CODE_POINTS || isBlank(id)) return false;
  if (id.length <= MAX_ID_CODE_POINTS) return true;
  let codePoints = 0;
  for (const _ of id) codePoints++;
  return codePoints <= MAX_ID_CODE_POINTS;
}

/** invalid_id (0), then duplicate_id (1): a valid id is remembered whatever the rest of the row does. */
export const transactionIdRule: FieldRule = (value, state) => {
  const id = textOf(value);
  if (id === undefined || !isValidId(id)) return 0;
  if (!state.ids.addIfAbsent(id)) return 1;
  state.record.transactionId = id;
  return PASS;
};

export const accountRule: FieldRule = (value, state) => {
  const account = textOf(value);
  if (account === undefined || isBlank(account)) return 0;
  state.record.accountId = account;
  return PASS;
};

/** Writes the UTC timestamp and its date. */
export const timestampRule: FieldRule = (value, state) => {
  const text = textOf(value);
  const utc = text === undefined ? undefined : normalizeTimestamp(text);
  if (utc === undefined) return 0;
  state.record.timestamp = utc;
  state.record.date = utc.slice(0, 10);
  return PASS;
};

export const currencyRule: FieldRule = (value, state) => {
  const code = textOf(value);
  const info = code === undefined ? undefined : state.currencies.get(code);
  if (info === undefined) return 0;
  state.minorDigits = info.minorDigits;
  state.record.currency = info.code;
  return PASS;
};

/** Needs the currency rule to have passed (it comes first in the table). */
export const amountRule: FieldRule = (value, state) => {
  const text = textOf(value);
  const minor = text === undefined ? undefined : parseAmountMinor(text, state.minorDigits);
  if (minor === undefined) return 0;
  state.record.amountMinor = minor;
  return PASS;
};

/** The canonical status string (not `text` itself, which may pin an input buffer). */
export const statusRule: FieldRule = (value, state) => {
  const text = textOf(value);
  const status = TRANSACTION_STATUSES.find((name) => name === text);
  if (status === undefined) return 0;
  state.record.status = status;
  return PASS;
};

/** Optional: absent, null or empty is left out; any other non-string (number, object, array, boolean) is invalid. */
export const merchantRule: FieldRule = (value, state) => {
  if (value === undefined || value === null) return PASS;
  if (typeof value !== 'string') return 0;
  if (value.length > 0) state.record.merchant = value;
  return PASS;
};
