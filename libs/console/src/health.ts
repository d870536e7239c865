/** One dependency /health checks: it must answer before the signal aborts. */
export interface DependencyCheck {
  readonly name: string;
  check(abortSignal: AbortSignal): Promise<void>;
}

export interface HealthReport {
  readonly status: 'ok' | 'failing';
  readonly checks: Readonly<Record<string, 'ok' | string>>;
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
