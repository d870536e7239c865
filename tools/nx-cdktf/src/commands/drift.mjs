// @ts-check
// drift: a refresh-only plan, classified from its JSON (see drift-classifier.mjs for why the exit
// code is not trusted). Always leaves drift-summary.json/.md, errors included, for CI to publish.
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { classifyDrift, driftError } from '../drift-classifier.mjs';
import { driftHeadline, driftMarkdown } from '../drift-summary.mjs';
import { appendStepSummary } from '../step-summary.mjs';
import { DRIFT_PLAN_FILE, driftArgs, showJsonArgs } from '../terraform-args.mjs';
import { explainFailure } from '../terraform-failures.mjs';
import { createSession, writeSummaryFiles } from '../terraform-session.mjs';
import { UserError } from '@data-platform/workspace';
import { appPaths, environmentOf } from '../workspace.mjs';

/** @param {string} projectRoot */
export async function drift(projectRoot) {
  const paths = appPaths(projectRoot);
  const workDir = join(paths.workDir, 'remote');
  const context = { project: paths.name, environment: environmentOf(projectRoot), stack: '(unknown)', checkedAt: new Date().toISOString() };
  mkdirSync(workDir, { recursive: true });
  for (const file of ['drift-summary.json', 'drift-summary.md', DRIFT_PLAN_FILE]) rmSync(join(workDir, file), { force: true });

  /** @type {import('../drift-classifier.mjs').DriftReport} */
  let report;
  try {
    const session = createSession(projectRoot, 'remote');
    context.stack = session.dir.stack;
    await session.init();
    const result = await session.tf.run(driftArgs(), { output: 'stream' });
    if (result.status === 0 || result.status === 2) {
      const shown = await session.tf.run(showJsonArgs(DRIFT_PLAN_FILE), { output: 'json' });
      report = classifyDrift({ exitCode: result.status, plan: shown.status === 0 ? JSON.parse(shown.stdout) : undefined });
    } else {
      const explained = explainFailure(result.output, { project: paths.name, environment: context.environment, offline: false });
      report = driftError(explained?.message ?? `terraform plan -refresh-only failed (exit ${result.status}): see the output above`, result.status);
    }
  } catch (error) {
    if (!(error instanceof UserError)) throw error;
    report = driftError(error.message, null);
  }

  const summary = { ...context, ...report };
  writeSummaryFiles(workDir, 'drift-summary', summary, driftMarkdown(summary));
  appendStepSummary(driftMarkdown(summary));
  if (report.status === 'error') throw new UserError(/** @type {string} */ (report.error));
  process.stdout.write(`${driftHeadline(summary)}\n`);
  return report.exitCode;
}
