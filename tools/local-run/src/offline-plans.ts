import { spawnSync } from 'node:child_process';
import { closeSync, mkdirSync, openSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { UserError, type EnvironmentApp } from '@data-platform/workspace';

/** What `npm start` learnt from planning every environment offline. */
export type OfflinePlans = { readonly planned: true } | { readonly planned: false; readonly reason: string };

/**
 * Synthesizes, then plans every environment offline through Nx (cached when nothing changed).
 * Nx's and Terraform's output goes to `logFile` (thousands of lines of plans), or to stderr with
 * `verbose`. The local run needs the synth, so a failed synth stops it; it does not need the
 * plans, so a failed plan (no Terraform, no provider) is reported in one line and the run goes on.
 */
export function planOffline(root: string, apps: readonly EnvironmentApp[], options: { readonly verbose: boolean; readonly logFile: string }): OfflinePlans {
  const projects = apps.map((app) => app.project).join(',');
  mkdirSync(dirname(options.logFile), { recursive: true });
  const log = options.verbose ? 2 : openSync(options.logFile, 'w');
  try {
    const nx = (args: string[]) => spawnSync(join(root, 'node_modules', '.bin', 'nx'), [...args, '-p', projects, '--outputStyle=static'], { cwd: root, stdio: ['ignore', log, log] });
    const synth = nx(['run-many', '-t', 'synth']);
    if (synth.error || synth.status !== 0) {
      throw new UserError(`synthesizing the environments failed: ${firstError(options) ?? 'see the output above'}${options.verbose ? '' : ` (full output: ${options.logFile})`}`);
    }
    const plans = nx(['run-many', '-t', 'plan', '-c', 'offline']);
    if (plans.error || plans.status !== 0) return { planned: false, reason: firstError(options) ?? 'terraform plan failed' };
    return { planned: true };
  } finally {
    if (typeof log === 'number' && log !== 2) closeSync(log);
  }
}

/** The first one-line `error: …` the runners wrote to the log, without its prefix. */
function firstError(options: { readonly verbose: boolean; readonly logFile: string }): string | undefined {
  if (options.verbose) return undefined;
  const line = readFileSync(options.logFile, 'utf8')
    .split('\n')
    .find((text) => text.startsWith('error: '));
  return line?.slice('error: '.length).trim();
}
