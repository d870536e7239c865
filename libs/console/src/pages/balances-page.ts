import type { DailyBalance } from '@data-platform/lambda-handlers/status';
import { SUPPORTED_CURRENCIES } from '@data-platform/lambda-handlers/status';
import { html } from 'hono/html';
import { balanceChart } from './balance-chart.js';
import { formatCount, formatMinor } from './format.js';
import type { Html } from './layout.js';

/** One account over inclusive UTC dates, YYYY-MM-DD. */
export interface BalanceRange {
  readonly accountId: string;
  readonly from: string;
  readonly to: string;
}

/** The form that asks for an account and a date range. */
export function balancesForm(range?: Partial<BalanceRange>): Html {
  return html`<form method="get" action="/balances">
<label>Account <input name="account" required maxlength="128" value="${range?.accountId ?? ''}"></label>
<label>From <input name="from" type="date" required value="${range?.from ?? ''}"></label>
<label>To <input name="to" type="date" required value="${range?.to ?? ''}"></label>
<button type="submit">Show</button>
</form>`;
}

/** One account's daily volumes and balances: a chart and an exact table per currency. */
export function balancesPage(range: BalanceRange, days: readonly DailyBalance[]): Html {
  if (days.length === 0) return html`${balancesForm(range)}<p>No transactions for account <code>${range.accountId}</code> from ${range.from} to ${range.to}.</p>`;
  const currencies = [...new Set(days.map((d) => d.currency))].sort();
  const sections = currencies.map((currency) => {
    const rows = days.filter((d) => d.currency === currency).sort((a, b) => a.date.localeCompare(b.date));
    const digits = SUPPORTED_CURRENCIES.get(currency) ?? 2;
    return html`<h2>${currency}</h2>
${balanceChart(currency, rows)}
<table class="balances" data-currency="${currency}"><thead><tr><th>Date</th><th>Transactions</th><th>Settled</th><th>Pending</th><th>Reversed</th></tr></thead>
<tbody>${rows.map((d) => html`<tr><td>${d.date}</td><td class="num">${formatCount(d.transactionCount)}</td><td class="num">${formatMinor(d.settledMinor, digits)}</td><td class="num">${formatMinor(d.pendingMinor, digits)}</td><td class="num">${formatMinor(d.reversedMinor, digits)}</td></tr>`)}</tbody></table>`;
  });
  return html`${balancesForm(range)}${sections}`;
}
