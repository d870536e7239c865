import {
  accountRule,
  amountRule,
  currencyRule,
  merchantRule,
  statusRule,
  timestampRule,
  transactionIdRule,
  type FieldRule,
} from './field-rules.js';

/**
 * SPEC §5's data contract as one table: each field's source name (CSV header cell, JSON Lines
 * key), whether a file must have it, the reasons its rule rejects with, the output keys its
 * rule writes, and the rule (field-rules.ts). Everything else is derived from it: the CSV and JSON
 * Lines column mapping, the validation order (table order), the reasons type and list, the
 * quarantine entry's id, and the processor core's columns and output keys (written into core
 * memory at init, see ProcessorCore.configureFields). The core's own rules (assembly/fields.ts) are
 * held to these field by field by a differential test.
 *
 * Adding a field: a row here, its rule in field-rules.ts, its rule in the core (or the core
 * declines rows carrying it), and tests.
 */
export const FIELD_TABLE = [
  { name: 'transaction_id', required: true, reasons: ['invalid_id', 'duplicate_id'], outputKeys: ['transactionId'], rule: transactionIdRule },
  { name: 'account_id', required: true, reasons: ['invalid_account'], outputKeys: ['accountId'], rule: accountRule },
  { name: 'timestamp', required: true, reasons: ['invalid_timestamp'], outputKeys: ['timestamp', 'date'], rule: timestampRule },
  { name: 'currency', required: true, reasons: ['invalid_currency'], outputKeys: ['currency'], rule: currencyRule },
  { name: 'amount', required: true, reasons: ['invalid_amount'], outputKeys: ['amountMinor'], rule: amountRule },
  { name: 'status', required: true, reasons: ['invalid_status'], outputKeys: ['status'], rule: statusRule },
  { name: 'merchant', required: false, reasons: ['invalid_merchant'], outputKeys: ['merchant'], rule: merchantRule },
] as const satisfies readonly FieldSpec[];

/** One row of {@link FIELD_TABLE}. */
export interface FieldSpec {
  readonly name: string;
  readonly required: boolean;
  readonly reasons: readonly string[];
  /** The NormalizedRecord keys its rule writes, in output order. */
  readonly outputKeys: readonly string[];
  readonly rule: FieldRule;
}

type Field = (typeof FIELD_TABLE)[number];

/** A line that is not one record (CSV quotes that don't balance, JSON Lines that is not one object): checked before any field. */
export const MALFORMED_ROW = 'malformed_row';

/** Why one row was quarantined; when a row breaks several rules, the first in this order wins. */
export type RejectReason = typeof MALFORMED_ROW | Field['reasons'][number];

/** Every reject reason, in precedence order. */
export const REJECT_REASONS: readonly RejectReason[] = [MALFORMED_ROW, ...FIELD_TABLE.flatMap((field) => field.reasons)];

/** A field every file must have a column for. */
export type RequiredField = Extract<Field, { required: true }>['name'];

/** The columns every file must have, in the order SPEC §5 checks them. */
export const REQUIRED_FIELDS = FIELD_TABLE.filter((field) => field.required).map((field) => field.name) as readonly RequiredField[];

/** Columns a file may have. */
export const OPTIONAL_FIELDS = FIELD_TABLE.filter((field) => !field.required).map((field) => field.name);

/** The field a quarantine entry reports as `transactionId`. */
export const ID_FIELD = FIELD_TABLE[0].name;

/** Every output key in NormalizedRecord order (its JSON lines' key order). */
export const OUTPUT_KEYS = FIELD_TABLE.flatMap((field) => field.outputKeys);
