import type { CurrencyTable } from './currencies.js';
import type { RuleState } from './field-rules.js';
import { FIELD_TABLE, type RejectReason } from './field-table.js';
import type { TransactionIdIndex } from './transaction-id-index.js';
import type { NormalizedRecord } from './types.js';

/** One row's field values by source name: strings, JsonNumberText, other JSON values; absent = undefined. */
export type FieldValues = Readonly<Record<string, unknown>>;

/**
 * Applies SPEC §5's field rules to one row in FIELD_TABLE's order and returns the first broken
 * rule's reason or the normalized record. Decisions where SPEC §5 is silent:
 * - values are not trimmed; an id or account that is only whitespace counts as empty;
 * - "≤ 64 chars" counts Unicode code points;
 * - only ids that pass `invalid_id` are remembered for `duplicate_id`, and they are remembered
 *   whatever happens to the rest of the row;
 * - currency codes and statuses are case-sensitive (`USD`, `settled`);
 * - an empty or null merchant is dropped from the record.
 */
export class RecordValidator {
  constructor(
    private readonly ids: TransactionIdIndex,
    private readonly currencies: CurrencyTable,
  ) {}

  validate(values: FieldValues): NormalizedRecord | RejectReason {
    const state: RuleState = { ids: this.ids, currencies: this.currencies, minorDigits: 0, record: {} };
    for (const field of FIELD_TABLE) {
      const broken = field.rule(values[field.name], state);
      if (broken >= 0) return field.reasons[broken]!;
    }
    return state.record as NormalizedRecord;
  }
}
