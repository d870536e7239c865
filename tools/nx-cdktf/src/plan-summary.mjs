// @ts-check
// What a plan would do, from `terraform show -json`: totals as Terraform prints them, counts per
// resource type, and the changes a reviewer must not miss (replacements and deletions) by name.

/**
 * @typedef {{
 *   address: string,
 *   type: string,
 *   mode?: string,
 *   action_reason?: string,
 *   change: { actions: string[], replace_paths?: unknown[][], importing?: object | null },
 * }} ResourceChange
 * @typedef {{ resource_changes?: ResourceChange[], output_changes?: Record<string, { actions: string[] }> }} PlanJson
 * @typedef {'create' | 'update' | 'replace' | 'delete' | 'read' | 'no-op' | 'forget'} ChangeKind
 * @typedef {{ add: number, change: number, destroy: number, replace: number }} TypeCounts  Terraform's
 *   arithmetic: a replacement counts as one add and one destroy, and is also counted in `replace`
 * @typedef {{ address: string, reason: string, attributes: string[] }} Replacement
 * @typedef {{
 *   add: number, change: number, destroy: number, import: number,
 *   replaced: Replacement[], destroyed: string[], updated: string[], outputs: string[],
 *   byType: Record<string, TypeCounts>,
 * }} PlanSummary
 * @typedef {{
 *   project: string, environment: string, mode: 'remote' | 'offline',
 *   backend?: { bucket: string, key: string }, accountId?: string, planSha256?: string,
 * }} PlanContext
 */

/** Longest list printed in a PR comment; the rest is counted. */
const MAX_LISTED = 30;

/** Terraform's action_reason codes, as a reviewer would say them. */
const REASONS = /** @type {Record<string, string>} */ ({
  replace_because_cannot_update: 'cannot be updated in place',
  replace_because_tainted: 'tainted',
  replace_by_request: 'replacement requested (-replace)',
  replace_by_triggers: 'replace_triggered_by',
});

/**
 * One change kind per action list, as Terraform's JSON spells them.
 * @param {string[]} actions
 * @returns {ChangeKind}
 */
export function changeKind(actions) {
  if (actions.includes('create') && actions.includes('delete')) return 'replace';
  if (actions.includes('create')) return 'create';
  if (actions.includes('delete')) return 'delete';
  if (actions.includes('update')) return 'update';
  if (actions.includes('read')) return 'read';
  if (actions.includes('forget')) return 'forget';
  return 'no-op';
}

/**
 * @param {PlanJson} plan
 * @returns {PlanSummary}
 */
export function summarizePlan(plan) {
  /** @type {PlanSummary} */
  const summary = { add: 0, change: 0, destroy: 0, import: 0, replaced: [], destroyed: [], updated: [], outputs: [], byType: {} };
  for (const rc of plan.resource_changes ?? []) {
    if (rc.mode === 'data') continue; // reads are not changes; Terraform's totals leave them out too
    if (rc.change.importing) summary.import++;
    const kind = changeKind(rc.change.actions);
    if (kind === 'no-op' || kind === 'read' || kind === 'forget') continue;
    const counts = (summary.byType[rc.type] ??= { add: 0, change: 0, destroy: 0, replace: 0 });
    // Totals follow Terraform's "Plan:" line, where a replacement is one add and one destroy.
    const add = kind === 'create' || kind === 'replace' ? 1 : 0;
    const destroy = kind === 'delete' || kind === 'replace' ? 1 : 0;
    const change = kind === 'update' ? 1 : 0;
    counts.add += add;
    counts.destroy += destroy;
    counts.change += change;
    summary.add += add;
    summary.destroy += destroy;
    summary.change += change;
    if (kind === 'replace') {
      counts.replace++;
      summary.replaced.push({
        address: rc.address,
        reason: REASONS[rc.action_reason ?? ''] ?? rc.action_reason ?? 'must be re-created',
        attributes: (rc.change.replace_paths ?? []).map((path) => path.map(String).join('.')),
      });
    }
    if (kind === 'delete') summary.destroyed.push(rc.address);
    if (kind === 'update') summary.updated.push(rc.address);
  }
  for (const [name, change] of Object.entries(plan.output_changes ?? {})) {
    if (!['no-op', 'read'].includes(changeKind(change.actions))) summary.outputs.push(name);
  }
  summary.byType = Object.fromEntries(Object.entries(summary.byType).sort(([a], [b]) => a.localeCompare(b)));
  return summary;
}

/**
 * Hidden marker that lets CI find and update its own comment instead of adding one per push.
 * @param {string} project
 */
export function planMarker(project) {
  return `<!-- nx-cdktf:plan:${project} -->`;
}

/**
 * @template T
 * @param {T[]} items
 * @param {(item: T) => string} format
 */
function bulletList(items, format) {
  const shown = items.slice(0, MAX_LISTED).map((item) => `- ${format(item)}`);
  if (items.length > MAX_LISTED) shown.push(`- … and ${items.length - MAX_LISTED} more`);
  return shown;
}

/**
 * Markdown for one environment, fit for a PR comment or a job summary.
 * @param {PlanContext} context
 * @param {PlanSummary} summary
 */
export function planSummaryMarkdown(context, summary) {
  const where =
    context.mode === 'offline'
      ? 'offline plan: local empty state, no AWS calls (everything the stack would create)'
      : `plan against the state in s3://${context.backend?.bucket}/${context.backend?.key}${context.accountId ? `, account ${context.accountId}` : ''}`;
  const totals = `${summary.add} to add, ${summary.change} to change, ${summary.destroy} to destroy${summary.import ? `, ${summary.import} to import` : ''}`;
  const lines = [planMarker(context.project), `### ${context.project} (${context.environment}): ${totals}`, '', `_${where}_`, ''];
  // The hash the apply job checks: a reviewer approving prod approves exactly this plan file.
  if (context.planSha256) lines.push(`Plan file sha256: \`${context.planSha256}\``, '');
  if (summary.add + summary.change + summary.destroy + summary.import === 0) {
    lines.push('No changes: the infrastructure matches the configuration.', '');
  }
  if (summary.replaced.length > 0) {
    lines.push(`**${summary.replaced.length} replaced** (destroyed and re-created):`);
    lines.push(
      ...bulletList(summary.replaced, (r) => {
        const attributes = r.attributes.length ? ` (${r.attributes.map((a) => `\`${a}\``).join(', ')})` : '';
        return `\`${r.address}\`: ${r.reason}${attributes}`;
      }),
      '',
    );
  }
  if (summary.destroyed.length > 0) {
    lines.push(`**${summary.destroyed.length} destroyed**:`, ...bulletList(summary.destroyed, (a) => `\`${a}\``), '');
  }
  if (summary.updated.length > 0) {
    lines.push(`**${summary.updated.length} updated in place**:`, ...bulletList(summary.updated, (a) => `\`${a}\``), '');
  }
  const rows = Object.entries(summary.byType).map(([type, c]) => `| \`${type}\` | ${c.add} | ${c.change} | ${c.destroy} | ${c.replace} |`);
  if (rows.length > 0) lines.push('| resource type | add | change | destroy | of which replaced |', '|---|---:|---:|---:|---:|', ...rows, '');
  if (summary.outputs.length > 0) lines.push(`Outputs changing: ${summary.outputs.map((o) => `\`${o}\``).join(', ')}`, '');
  return lines.join('\n');
}
