import type { SqlSession } from '@data-platform/lambda-handlers/database';
import type { StatusQueries } from '@data-platform/lambda-handlers/status';

/** One dependency /health checks: it must answer before the signal aborts. */
export interface DependencyCheck {
  readonly name: string;
  check(abortSignal: AbortSignal): Promise<unknown>;
}

export interface HealthReport {
  readonly status: 'ok' | 'failing';
  readonly checks: Readonly<Record<string, 'ok' | string>>;
}

/** The console's dependencies: the run store (one page of one run) and the balances database (`SELECT 1`). */
export function consoleDependencies(queries: StatusQueries, database: () => Promise<SqlSession>): DependencyCheck[] {
  return [
    { name: 'runStore', check: () => queries.listRuns({ limit: 1 }) },
    { name: 'database', check: async () => (await database()).query('SELECT 1') },
  ];
}

/**
 * Runs every check at once, each bounded by `timeoutMs` (shorter than the load balancer's 5 s
 * health-check timeout, so a hung dependency reports as failing instead of timing the probe out).
 */
export async function checkHealth(checks: readonly DependencyCheck[], timeoutMs: number): Promise<HealthReport> {
  const results = await Promise.all(
    checks.map(async (dependency) => {
      const signal = AbortSignal.timeout(timeoutMs);
      try {
        await Promise.race([
          dependency.check(signal),
          new Promise<never>((_, reject) => signal.addEventListener('abort', () => reject(new Error(`no answer within ${timeoutMs} ms`)), { once: true })),
        ]);
        return [dependency.name, 'ok'] as const;
      } catch (error) {
        return [dependency.name, (error as Error).message.split('\n')[0] ?? 'failed'] as const;
      }
    }),
  );
  return { status: results.every(([, result]) => result === 'ok') ? 'ok' : 'failing', checks: Object.fromEntries(results) };
}
