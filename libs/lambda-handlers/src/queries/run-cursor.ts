/** Where a page of runs ended: the last run's timestamp and id (ids break ties between equal timestamps). */
export interface RunCursor {
  readonly timestamp: number;
  readonly id: string;
}

/** Thrown for a cursor that no page handed out (a 400 for callers). */
export class InvalidCursorError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InvalidCursorError';
  }
}

/** Newest first; among runs of the same millisecond, by id descending (a total order, so pages never overlap). */
export function newestFirst(a: RunCursor, b: RunCursor): number {
  return b.timestamp - a.timestamp || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0);
}

/** Whether `run` comes after the cursor in newest-first order. */
export function isAfterCursor(run: RunCursor, cursor: RunCursor): boolean {
  return newestFirst(cursor, run) < 0;
}

export function encodeRunCursor(run: RunCursor): string {
  return Buffer.from(JSON.stringify([run.timestamp, run.id])).toString('base64url');
}

export function decodeRunCursor(text: string): RunCursor {
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
  } catch {
    throw new InvalidCursorError('cursor is not one this service handed out');
  }
  if (!Array.isArray(value) || value.length !== 2 || !Number.isSafeInteger(value[0]) || typeof value[1] !== 'string') {
    throw new InvalidCursorError('cursor is not one this service handed out');
  }
  return { timestamp: value[0] as number, id: value[1] as string };
}
