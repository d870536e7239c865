/** How long a run took, from its item's start and finish (undefined while it runs). */
export function runDuration(run: { readonly startedAt?: string; readonly finishedAt?: string }): number | undefined {
  const started = run.startedAt ? Date.parse(run.startedAt) : NaN;
  const finished = run.finishedAt ? Date.parse(run.finishedAt) : NaN;
  return Number.isFinite(started) && Number.isFinite(finished) ? finished - started : undefined;
}

/** A duration as a person reads it: 850 ms, 12.3 s, 4 min 5 s. */
export function formatDuration(ms: number | undefined): string {
  if (ms === undefined) return '—';
  if (ms < 1000) return `${ms} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  return `${Math.floor(ms / 60_000)} min ${Math.round((ms % 60_000) / 1000)} s`;
}

export const formatCount = (value: number | undefined) => (value === undefined ? '—' : value.toLocaleString('en-US'));

/**
 * Exact money from integer minor units: `-123456` with 2 digits is `-1,234.56`. String arithmetic,
 * never floats, so amounts beyond 2^53 keep every digit.
 */
export function formatMinor(minor: string, digits: number): string {
  const negative = minor.startsWith('-');
  const magnitude = (negative ? minor.slice(1) : minor).padStart(digits + 1, '0');
  const whole = magnitude.slice(0, magnitude.length - digits).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const fraction = digits > 0 ? `.${magnitude.slice(-digits)}` : '';
  return `${negative ? '-' : ''}${whole}${fraction}`;
}
