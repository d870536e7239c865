import type { RunsPageResult } from '@data-platform/lambda-handlers/status';
import { html } from 'hono/html';
import { formatCount, formatDuration, runDuration } from './format.js';
import type { Html } from './layout.js';

/** Link to one run's page (ids hold slashes and @, so they travel as a query parameter). */
export const runHref = (id: string) => `/run?id=${encodeURIComponent(id)}`;

/** The runs table, newest first, with a link to the next (older) page. */
export function runsPage(page: RunsPageResult, limit: number): Html {
  if (page.runs.length === 0) return html`<p>No runs yet: drop a file under <code>raw/</code>.</p>`;
  const rows = page.runs.map(
    (run) => html`<tr data-run-id="${run.id}">
<td class="status-${run.status}">${run.status}</td>
<td><a href="${runHref(run.id)}">${run.source.key}</a></td>
<td class="num">${formatCount(run.records?.total)}</td>
<td class="num">${formatCount(run.records?.valid)}</td>
<td class="num">${formatCount(run.records?.quarantined)}</td>
<td class="num">${formatDuration(runDuration(run))}</td>
<td>${run.startedAt ?? '—'}</td>
</tr>`,
  );
  const next = page.nextCursor ? html`<p><a rel="next" href="/runs?limit=${limit}&amp;cursor=${encodeURIComponent(page.nextCursor)}">Older runs →</a></p>` : '';
  return html`<table id="runs">
<thead><tr><th>Status</th><th>Object</th><th>Records</th><th>Valid</th><th>Quarantined</th><th>Duration</th><th>Started</th></tr></thead>
<tbody>${rows}</tbody>
</table>${next}`;
}
