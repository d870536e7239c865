import { TransientError } from '../runtime/failure.js';

/**
 * SQLSTATE classes and codes worth another attempt: the connection (08), a serialization failure
 * or deadlock (40001, 40P01), resources (53: too many connections, out of memory while Aurora
 * scales), and an instance restarting or failing over (57P01–57P03).
 */
const TRANSIENT_SQLSTATE = /^(08|53|40001$|40P01$|57P0[123]$)/;
/** Node network errors while connecting or mid-query (a failover drops the socket). */
const TRANSIENT_NETWORK = new Set(['ECONNRESET', 'ECONNREFUSED', 'ETIMEDOUT', 'EPIPE', 'EAI_AGAIN', 'ENOTFOUND']);

/**
 * Maps a database failure onto the workflow's two outcomes: TransientError (the state machine's
 * Retry, backoff and jitter) or DatabaseError, which is not PermanentError on purpose: the source
 * file is fine, so the failure path records and alerts but does not quarantine the object.
 */
export function classifyDatabaseError(error: unknown): Error {
  const failure = error instanceof Error ? error : new Error(String(error));
  const code = (failure as Error & { code?: string }).code ?? '';
  const dropped = /Connection terminated|connection timeout|Client has encountered a connection error/i.test(failure.message);
  if (TRANSIENT_SQLSTATE.test(code) || TRANSIENT_NETWORK.has(code) || dropped) {
    return new TransientError(`database: ${failure.message}`, { cause: failure });
  }
  const permanent = new Error(`database${code ? ` (SQLSTATE ${code})` : ''}: ${failure.message}`, { cause: failure });
  permanent.name = 'DatabaseError';
  return permanent;
}
