import type { RunOutputs, RunView } from '@data-platform/lambda-handlers/status';
import { html } from 'hono/html';
import { formatCount, formatDuration, runDuration } from './format.js';
import type { Html } from './layout.js';

/** Where a person opens an object of the run (the S3 console in AWS, the emulator locally). */
export type ObjectUrl = (bucket: string, key: string) => string;

function objectLink(objectUrl: ObjectUrl, bucket: string, key: string): Html {
  return html`<a href="${objectUrl(bucket, key)}"><code>s3://${bucket}/${key}</code></a>`;
}

/** One run: counts, failure, quarantine reasons with counts, the first rejected rows, and its S3 keys. */
export function runPage(run: RunView, outputs: RunOutputs, objectUrl: ObjectUrl): Html {
  const { quarantine } = outputs;
  const bucket = run.source.bucket;
  const failure = run.failure
    ? html`<p class="status-FAILED">Failed: <strong>${run.failure.reason}</strong> — ${run.failure.message ?? ''}</p>`
    : '';
  const reasons = quarantine && quarantine.reasons.length > 0
    ? html`<h2>Quarantine reasons</h2>
<table id="quarantine-reasons"><thead><tr><th>Reason</th><th>Rows</th></tr></thead>
<tbody>${quarantine.reasons.map((r) => html`<tr><td>${r.reason}</td><td class="num">${formatCount(r.count)}</td></tr>`)}</tbody></table>
<h2>First rejected rows</h2>
<table id="rejected-rows"><thead><tr><th>Line</th><th>Reason</th><th>Row</th></tr></thead>
<tbody>${quarantine.firstRejected.map((r) => html`<tr><td class="num">${r.line}</td><td>${r.reason}</td><td><code>${r.text}</code></td></tr>`)}</tbody></table>`
    : html`<p>No rows were quarantined.</p>`;
  // A run's outputs exist once it succeeded; a failed one has its source's quarantined copy.
  const keys = run.status === 'SUCCEEDED'
    ? [['records', outputs.keys.records], ['summary', outputs.keys.summary], ...(quarantine ? [['quarantine report', outputs.keys.quarantineReport]] : [])]
    : run.failure?.quarantineKey ? [['quarantined source', run.failure.quarantineKey]] : [];
  return html`<p>Source: ${objectLink(objectUrl, bucket, run.source.key)} (version <code>${run.source.versionId}</code>)</p>
<table id="run-counts">
<tr><th>Status</th><td class="status-${run.status}">${run.status}</td></tr>
<tr><th>Records</th><td class="num" data-count="total">${formatCount(run.records?.total)}</td></tr>
<tr><th>Valid</th><td class="num" data-count="valid">${formatCount(run.records?.valid)}</td></tr>
<tr><th>Quarantined</th><td class="num" data-count="quarantined">${formatCount(run.records?.quarantined)}</td></tr>
<tr><th>Duration</th><td class="num">${formatDuration(runDuration(run))}</td></tr>
</table>
${failure}
${reasons}
<h2>Objects</h2>
<ul id="run-objects">${keys.map(([name, key]) => html`<li>${name}: ${objectLink(objectUrl, bucket, key!)}</li>`)}</ul>`;
}
