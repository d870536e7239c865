import type { EnvironmentApp } from '@data-platform/workspace';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The part of `plan-summary.json` (tools/nx-cdktf/src/plan-summary.mjs) the table shows. */
interface PlanSummary {
  readonly stack?: string;
  readonly add: number;
  readonly change: number;
  readonly destroy: number;
  readonly byType: Record<string, { add: number; change: number; destroy: number }>;
}

/** A file the last `plan -c offline` of an app wrote (plan-summary.json, plan.txt). */
export function offlinePlanFile(app: EnvironmentApp, name: string): string {
  return join(app.workDir, 'offline', name);
}

export interface PlanRow {
  readonly environment: string;
  readonly stack?: string;
  /** Undefined when the environment has no offline plan yet. */
  readonly add?: number;
  readonly topTypes: ReadonlyArray<readonly [type: string, add: number]>;
  readonly hint?: string;
}

/** One row per environment from its offline plan summary; `top` resource types by count to add. */
export function planRows(apps: readonly EnvironmentApp[], top = 3): PlanRow[] {
  return apps.map((app) => {
    const summaryFile = offlinePlanFile(app, 'plan-summary.json');
    if (!existsSync(summaryFile)) {
      return { environment: app.environment, topTypes: [], hint: `no offline plan: npx nx run ${app.project}:plan -c offline` };
    }
    const summary = JSON.parse(readFileSync(summaryFile, 'utf8')) as PlanSummary;
    const topTypes = Object.entries(summary.byType)
      .map(([type, counts]) => [type, counts.add] as const)
      .filter(([, add]) => add > 0)
      .sort(([a, x], [b, y]) => y - x || a.localeCompare(b))
      .slice(0, top);
    return { environment: app.environment, ...(summary.stack ? { stack: summary.stack } : {}), add: summary.add, topTypes };
  });
}

/** The rows as an aligned text table. */
export function formatPlanTable(rows: readonly PlanRow[]): string {
  const table = [
    ['environment', 'stack', 'to add', 'top resource types'],
    ...rows.map((row) => [
      row.environment,
      row.stack ?? '',
      row.add === undefined ? '-' : String(row.add),
      row.hint ?? row.topTypes.map(([type, add]) => `${type} ${add}`).join(', '),
    ]),
  ];
  const widths = [0, 1, 2].map((column) => Math.max(...table.map((cells) => cells[column]!.length)));
  return table
    .map((cells) => cells.map((cell, column) => (column === 2 ? cell.padStart(widths[2]!) : column < 3 ? cell.padEnd(widths[column]!) : cell)).join('  ').trimEnd())
    .join('\n');
}
