// @ts-check
// Reads `terraform show -json <plan>` and says what would change, per resource type.

/**
 * @typedef {{ type: string, address: string, change: { actions: string[] } }} ResourceChange
 * @typedef {{ add: number, change: number, destroy: number, replace: string[], byType: Record<string, { add: number, change: number, destroy: number }> }} PlanSummary
 */

/**
 * @param {{ resource_changes?: ResourceChange[] }} planJson
 * @returns {PlanSummary}
 */
export function summarizePlan(planJson) {
  /** @type {PlanSummary} */
  const summary = { add: 0, change: 0, destroy: 0, replace: [], byType: {} };
  for (const rc of planJson.resource_changes ?? []) {
    const actions = rc.change.actions;
    const counts = (summary.byType[rc.type] ??= { add: 0, change: 0, destroy: 0 });
    if (actions.includes('create')) {
      summary.add++;
      counts.add++;
    }
    if (actions.includes('delete')) {
      summary.destroy++;
      counts.destroy++;
    }
    if (actions.includes('update')) {
      summary.change++;
      counts.change++;
    }
    if (actions.includes('create') && actions.includes('delete')) summary.replace.push(rc.address);
  }
  summary.byType = Object.fromEntries(Object.entries(summary.byType).sort(([a], [b]) => a.localeCompare(b)));
  return summary;
}

/**
 * Markdown for a PR comment.
 * @param {string} environment
 * @param {PlanSummary} summary
 */
export function planSummaryMarkdown(environment, summary) {
  const rows = Object.entries(summary.byType)
    .filter(([, c]) => c.add + c.change + c.destroy > 0)
    .map(([type, c]) => `| \`${type}\` | ${c.add} | ${c.change} | ${c.destroy} |`);
  return [
    `### ${environment}: ${summary.add} to add, ${summary.change} to change, ${summary.destroy} to destroy`,
    '',
    ...(summary.replace.length > 0 ? ['**Replaced** (destroyed and re-created):', ...summary.replace.map((a) => `- \`${a}\``), ''] : []),
    '| resource type | add | change | destroy |',
    '|---|---:|---:|---:|',
    ...rows,
    '',
  ].join('\n');
}
