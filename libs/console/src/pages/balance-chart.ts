import type { DailyBalance } from '@data-platform/lambda-handlers/status';
import { html } from 'hono/html';
import type { Html } from './layout.js';

const WIDTH = 640;
const HEIGHT = 200;
const PAD = 30;

/**
 * A server-rendered SVG of one currency's days: bars for the number of transactions (volume), a
 * line for the running settled balance. Heights are proportions, so floats are fine here (the
 * table beside it shows the exact amounts).
 */
export function balanceChart(currency: string, days: readonly DailyBalance[]): Html {
  if (days.length === 0) return '' as unknown as Html;
  const step = (WIDTH - 2 * PAD) / days.length;
  const maxCount = Math.max(1, ...days.map((d) => d.transactionCount));
  let running = 0n;
  const balances = days.map((d) => (running += BigInt(d.settledMinor)));
  const low = balances.reduce((a, b) => (b < a ? b : a), 0n);
  const high = balances.reduce((a, b) => (b > a ? b : a), 0n);
  const span = Number(high - low) || 1;
  const y = (value: bigint) => (HEIGHT - PAD - (Number(value - low) / span) * (HEIGHT - 2 * PAD)).toFixed(1);
  const bars = days.map((d, i) => {
    const h = (d.transactionCount / maxCount) * (HEIGHT - 2 * PAD);
    return html`<rect x="${(PAD + i * step + step * 0.15).toFixed(1)}" y="${(HEIGHT - PAD - h).toFixed(1)}" width="${(step * 0.7).toFixed(1)}" height="${h.toFixed(1)}" fill="#93c5fd"><title>${d.date}: ${d.transactionCount} transactions</title></rect>`;
  });
  const points = balances.map((b, i) => `${(PAD + i * step + step / 2).toFixed(1)},${y(b)}`).join(' ');
  return html`<svg class="chart" role="img" aria-label="${currency}: daily transactions and running settled balance" width="${WIDTH}" height="${HEIGHT}" viewBox="0 0 ${WIDTH} ${HEIGHT}" xmlns="http://www.w3.org/2000/svg">
${bars}
<polyline points="${points}" fill="none" stroke="#1d4ed8" stroke-width="2"/>
<text x="${PAD}" y="16" font-size="12">${currency}: bars = transactions per day (max ${maxCount}), line = running settled balance</text>
<text x="${PAD}" y="${HEIGHT - 8}" font-size="11">${days[0]!.date}</text>
<text x="${WIDTH - PAD}" y="${HEIGHT - 8}" font-size="11" text-anchor="end">${days[days.length - 1]!.date}</text>
</svg>`;
}
