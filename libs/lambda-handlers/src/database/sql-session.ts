/**
 * What the database code needs of a connection. PGlite has both methods with these signatures;
 * `pg.Client` gets them from {@link pgSession}. So the same SQL runs in Aurora (pg over TLS with an
 * IAM token) and in the local run and tests (PGlite), and no code branches on which one it is.
 */
export interface SqlSession {
  /** One statement, with `$n` parameters. */
  query<Row = Record<string, unknown>>(text: string, params?: unknown[]): Promise<{ rows: Row[] }>;
  /** A script of several statements, no parameters (migration files). */
  exec(text: string): Promise<unknown>;
}

/** What {@link pgSession} uses of `pg.Client` (kept structural, so this file needs no `pg` import). */
interface PgQueryable {
  query(text: string, params?: unknown[]): Promise<{ rows: unknown[] }>;
}

/** `pg.Client` as a session: without parameters pg uses the simple protocol, which runs scripts. */
export function pgSession(client: PgQueryable): SqlSession {
  return {
    query: <Row>(text: string, params?: unknown[]) => client.query(text, params) as Promise<{ rows: Row[] }>,
    exec: (text: string) => client.query(text),
  };
}

/**
 * Runs `work` in one transaction on `session`: COMMIT when it resolves, ROLLBACK when it throws
 * (the error is re-raised unchanged). The session must be a single connection, not a pool.
 */
export async function withTransaction<T>(session: SqlSession, work: (tx: SqlSession) => Promise<T>): Promise<T> {
  await session.query('BEGIN');
  try {
    const result = await work(session);
    await session.query('COMMIT');
    return result;
  } catch (error) {
    await session.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
}
