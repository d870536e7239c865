// @ts-check
// The drift report as CI publishes it: JSON for machines (the nightly job reads `status`) and
// Markdown for the job summary and the issue it opens.

/**
 * @typedef {import('./drift-classifier.mjs').DriftReport} DriftReport
 * @typedef {{ project: string, environment: string, stack: string, checkedAt: string }} DriftContext
 * @typedef {DriftContext & DriftReport} DriftSummary
 */

/** Hidden marker so the nightly job can find the open drift issue of an environment. */
export function driftMarker(/** @type {string} */ project) {
  return `<!-- nx-cdktf:drift:${project} -->`;
}

/**
 * The one line printed at the end of a drift run.
 * @param {DriftSummary} summary
 */
export function driftHeadline(summary) {
  if (summary.status === 'error') return `${summary.project}: drift check error: ${summary.error}`;
  if (summary.status === 'no-drift') return `${summary.project}: no drift`;
  const n = summary.drifted.length;
  return `${summary.project}: drift: ${n} resource${n === 1 ? '' : 's'} changed outside Terraform (${summary.drifted.map((d) => d.address).join(', ')})`;
}

/**
 * @param {DriftSummary} summary
 */
export function driftMarkdown(summary) {
  const title = {
    'no-drift': 'no drift',
    drift: `drift: ${summary.drifted.length} resource${summary.drifted.length === 1 ? '' : 's'} changed outside Terraform`,
    error: 'drift check failed',
  }[summary.status];
  const lines = [driftMarker(summary.project), `### ${summary.project} (${summary.environment}): ${title}`, '', `_${summary.stack}, checked ${summary.checkedAt}_`, ''];
  if (summary.status === 'error') lines.push(`> ${summary.error}`, '');
  if (summary.drifted.length > 0) {
    lines.push('| resource | change outside Terraform | attributes |', '|---|---|---|');
    for (const d of summary.drifted) {
      const change = { update: 'modified', delete: 'deleted', create: 'created', replace: 're-created' }[d.change];
      lines.push(`| \`${d.address}\` | ${change} | ${d.attributes.map((a) => `\`${a}\``).join(', ') || '—'} |`);
    }
    lines.push('', `To adopt the real values: \`terraform apply -refresh-only\`; to restore the configuration: \`npx nx run ${summary.project}:deploy\`.`, '');
  }
  for (const note of summary.notes) lines.push(`- ${note}`);
  if (summary.notes.length > 0) lines.push('');
  return lines.join('\n');
}
