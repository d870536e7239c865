// @ts-check
// On GitHub Actions every summary also goes to the job's summary page, so a failed deploy or a
// drift report is readable without downloading artifacts.
import { appendFileSync } from 'node:fs';

/**
 * @param {string} markdown
 * @param {NodeJS.ProcessEnv} [env]
 */
export function appendStepSummary(markdown, env = process.env) {
  const file = env['GITHUB_STEP_SUMMARY'];
  if (file) appendFileSync(file, `${markdown}\n`);
}
