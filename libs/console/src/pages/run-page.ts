import type { RunDetail } from '@data-platform/lambda-handlers/queries';
import { html } from 'hono/html';
import { formatCount, formatDuration } from './format.js';
import type { Html } from './layout.js';

/** Where a person opens an object of the run (the S3 console in AWS, the emulator locally). */
export type ObjectUrl = (bucket: string, key: string) => string;

function objectLink(objectUrl: ObjectUrl, bucket: string, key: string): Html {
  return html`<a href="${objectUrl(bucket, key)}"><code>s3://${bucket}/${key}</code></a>`;
}

/** One run: counts, failure, quarantine reasons with counts, the first rejected rows, and its S3 keys. */
export function runPage(detail: RunDetail, objectUrl: ObjectUrl): Html {
  const { run, quarantine } = detail;
  const failure = run.status === 'FAILED'
    ? html`<p class="status-FAILED">Failed: <strong>${run.failureReason ?? 'unknown'}</strong> — ${run.failureMessage ?? ''}</p>`
    : '';
  const reasons = quarantine && quarantine.reasons.length > 0
    ? html`<h2>Quarantine reasons</h2>
<table id="quarantine-reasons"><thead><tr><th>Reason</th><th>Rows</th></tr></thead>
<tbody>${quarantine.reasons.map((r) => html`<tr><td>${r.reason}</td><td class="num">${formatCount(r.count)}</td></tr>`)}</tbody></table>
<h2>First rejected rows</h2>
<table id="rejected-rows"><thead><tr><th>Line</th><th>Reason</th><th>Row</th></tr></thead>
<tbody>${quarantine.firstRejected.map((r) => html`<tr><td class="num">${r.line}</td><td>${r.reason}</td><td><code>${r.text}</code></td></tr>`)}</tbody></table>`
    : html`<p>No rows were quarantined.</p>`;
  const keys = Object.entries(detail.outputs).map(([name, key]) => html`<li>${name}: ${objectLink(objectUrl, run.bucket, key)}</li>`);
  const quarantined = detail.quarantineKey ? html`<li>quarantined source: ${objectLink(objectUrl, run.bucket, detail.quarantineKey)}</li>` : '';
  return html`<p>Source: ${objectLink(objectUrl, run.bucket, run.key)} (version <code>${run.versionId ?? '—'}</code>)</p>
<table id="run-counts">
<tr><th>Status</th><td class="status-${run.status}">${run.status}</td></tr>
<tr><th>Records</th><td class="num" data-count="total">${formatCount(run.totalRecords)}</td></tr>
<tr><th>Valid</th><td class="num" data-count="valid">${formatCount(run.validRecords)}</td></tr>
<tr><th>Quarantined</th><td class="num" data-count="quarantined">${formatCount(run.quarantinedRecords)}</td></tr>
<tr><th>Duration</th><td class="num">${formatDuration(run.durationMs)}</td></tr>
</table>
${failure}
${reasons}
<h2>Objects</h2>
<ul id="run-objects">${keys}${quarantined}</ul>`;
}
