import { parseAmountMinor } from './amount.js';
import type { CurrencyTable } from './currencies.js';
import { normalizeTimestamp } from './timestamp.js';
import type { TransactionIdIndex } from './transaction-id-index.js';
import { TRANSACTION_STATUSES, type NormalizedRecord, type RejectReason, type TransactionStatus } from './types.js';

const MAX_ID_CODE_POINTS = 64;

/** Empty or only whitespace; the ASCII fast path skips `trim()` for the usual ids. */
function isBlank(text: string): boolean {
  if (text.length === 0) return true;
  const first = text.charCodeAt(0);
  if (first > 0x20 && first < 0x7f) return false;
  return text.trim().length === 0;
}

/** Non-blank and at most 64 code points (astral characters count once). */
function isValidId(id: string): boolean {
  if (id.length > 2 * MAX_ID_CODE_POINTS || isBlank(id)) return false;
  if (id.length <= MAX_ID_CODE_POINTS) return true;
  let codePoints = 0;
  for (const _ of id) codePoints++;
  return codePoints <= MAX_ID_CODE_POINTS;
}

/** The canonical status string for `text` (not `text` itself, which may pin an input buffer). */
function statusOf(text: string | undefined): TransactionStatus | undefined {
  return TRANSACTION_STATUSES.find((status) => status === text);
}

/**
 * Applies SPEC §5's field rules to one row, in the table's order, and returns the first broken
 * rule's reason or the normalized record. Field values are the source text; `undefined` means the
 * field is absent (or, in JSON Lines, not text). Decisions where SPEC §5 is silent:
 * - values are not trimmed; an id or account that is only whitespace counts as empty;
 * - "≤ 64 chars" counts Unicode code points;
 * - only ids that pass `invalid_id` are remembered for `duplicate_id`, and they are remembered
 *   whatever happens to the rest of the row;
 * - currency codes and statuses are case-sensitive (`USD`, `settled`);
 * - an empty merchant is dropped from the record.
 */
export class RecordValidator {
  constructor(
    private readonly ids: TransactionIdIndex,
    private readonly currencies: CurrencyTable,
  ) {}

  validate(
    transactionId: string | undefined,
    accountId: string | undefined,
    timestamp: string | undefined,
    currency: string | undefined,
    amount: string | undefined,
    status: string | undefined,
    merchant: string | undefined,
  ): NormalizedRecord | RejectReason {
    if (transactionId === undefined || !isValidId(transactionId)) return 'invalid_id';
    if (!this.ids.addIfAbsent(transactionId)) return 'duplicate_id';
    if (accountId === undefined || isBlank(accountId)) return 'invalid_account';
    const utc = timestamp === undefined ? undefined : normalizeTimestamp(timestamp);
    if (utc === undefined) return 'invalid_timestamp';
    const info = currency === undefined ? undefined : this.currencies.get(currency);
    if (info === undefined) return 'invalid_currency';
    const amountMinor = amount === undefined ? undefined : parseAmountMinor(amount, info.minorDigits);
    if (amountMinor === undefined) return 'invalid_amount';
    const canonicalStatus = statusOf(status);
    if (canonicalStatus === undefined) return 'invalid_status';

    const record: NormalizedRecord = {
      transactionId,
      accountId,
      timestamp: utc,
      date: utc.slice(0, 10),
      currency: info.code,
      amountMinor,
      status: canonicalStatus,
    };
    if (merchant !== undefined && merchant.length > 0) record.merchant = merchant;
    return record;
  }
}
