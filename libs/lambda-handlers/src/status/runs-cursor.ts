import { RUN_STATUSES, type RunStatus } from './run-view.js';

/** Where each status's listing stopped: the last key taken, or null once exhausted. */
export type RunsCursor = Partial<Record<RunStatus, Record<string, unknown> | null>>;

/** A cursor that is not one this API issued. */
export class InvalidCursorError extends Error {
  constructor() {
    super('cursor is not one this API returned as nextCursor');
    this.name = 'InvalidCursorError';
  }
}

/** Opaque to clients: base64url of the per-status positions. */
export function encodeCursor(cursor: RunsCursor): string {
  return Buffer.from(JSON.stringify(cursor)).toString('base64url');
}

export function decodeCursor(text: string): RunsCursor {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
  } catch {
    throw new InvalidCursorError();
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new InvalidCursorError();
  for (const [status, key] of Object.entries(parsed)) {
    const validKey = key === null || (typeof key === 'object' && !Array.isArray(key) && typeof (key as Record<string, unknown>)['id'] === 'string');
    if (!RUN_STATUSES.includes(status as RunStatus) || !validKey) throw new InvalidCursorError();
  }
  return parsed as RunsCursor;
}
