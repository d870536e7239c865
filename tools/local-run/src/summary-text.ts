import { isAbsolute, relative } from 'node:path';
import type { RunReport } from './run-report.js';

/**
 * The human summary of a run: status, records, quarantine by reason, the busiest aggregates and
 * where everything was written.
 */
export function formatRunSummary(report: RunReport, options: { outDir: string; cwd: string; topAggregates?: number }): string {
  // Relative to where the user ran it when that is shorter, else absolute.
  const shown = (path: string) => {
    const rel = relative(options.cwd, path);
    return rel === '' ? '.' : rel.startsWith('..') || isAbsolute(rel) ? path : rel;
  };
  const lines: string[] = [];
  const source = `s3://${report.source.bucket}/${report.source.key}`;
  lines.push(`${report.env}: ${report.status}${report.alreadyProcessed ? ' (object version already processed: skipped, counted once)' : ''}`);
  lines.push(`  source       ${source}`);
  if (report.execution) lines.push(`  states       ${report.execution.states.join(' → ')}`);
  const retries = Object.entries(report.execution?.retries ?? {});
  if (retries.length > 0) lines.push(`  retries      ${retries.map(([state, count]) => `${state} ×${count}`).join(', ')}`);
  if (report.failure) {
    lines.push(`  failure      ${report.failure.reason ?? report.failure.error}${report.failure.quarantineKey ? ` (object copied to ${report.failure.quarantineKey})` : ''}`);
    if (report.failure.message) lines.push(`  message      ${report.failure.message}`);
    if (report.failure.alert) lines.push(`  alert        ${report.failure.alert}`);
  }
  const { total, valid, quarantined } = report.records;
  lines.push(`  records      ${total} total = ${valid} valid + ${quarantined} quarantined`);
  if (report.quarantine.length > 0) {
    const byReason = new Map<string, number>();
    for (const entry of report.quarantine) byReason.set(entry.reason, (byReason.get(entry.reason) ?? 0) + 1);
    const reasons = [...byReason].sort(([a, x], [b, y]) => y - x || a.localeCompare(b));
    lines.push(`  quarantined  ${reasons.map(([reason, count]) => `${reason} ${count}`).join(', ')}`);
  }
  if (report.aggregates.length > 0) {
    const top = [...report.aggregates].sort((a, b) => b.transactionCount - a.transactionCount).slice(0, options.topAggregates ?? 5);
    lines.push(`  aggregates   ${report.aggregates.length} (account, currency, day) groups; busiest:`);
    const rows = [
      ['account', 'currency', 'date', 'count', 'settled', 'pending', 'reversed'],
      ...top.map((a) => [a.accountId, a.currency, a.date, String(a.transactionCount), a.settledMinor, a.pendingMinor, a.reversedMinor]),
    ];
    const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => row[column]!.length)));
    for (const row of rows) lines.push(`    ${row.map((cell, column) => (column >= 3 ? cell.padStart(widths[column]!) : cell.padEnd(widths[column]!))).join('  ')}`);
    lines.push('    (amounts in minor units)');
  }
  if (report.database) lines.push(`  database     ${report.database.rows} rows of this run in ${report.database.table} (read back by query)`);
  if (report.api) lines.push(`  status API   GET /runs/{this run} → ${report.api.statusCode}`);
  if (report.notifications.length > 0) lines.push(`  notified     ${report.notifications.map((n) => `${n.topic}${n.subject ? ` "${n.subject}"` : ''}`).join(', ')}`);
  lines.push(`  outputs      ${shown(options.outDir)}/`);
  for (const output of report.outputs) lines.push(`    ${output.name.padEnd(18)} ${output.file ? shown(output.file) : output.s3}`);
  lines.push(`    ${'s3 objects'.padEnd(18)} ${shown(options.outDir)}/s3/`);
  lines.push(`    ${'run table'.padEnd(18)} ${shown(options.outDir)}/dynamodb/`);
  lines.push(`    ${'notifications'.padEnd(18)} ${shown(options.outDir)}/sns.jsonl`);
  lines.push(`    ${'function logs'.padEnd(18)} ${shown(options.outDir)}/logs/`);
  return lines.join('\n');
}
