// @ts-check
// Terraform targets of an environment app: validate, plan [--offline], deploy, destroy, drift.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { planSummaryMarkdown, summarizePlan } from './plan-summary.mjs';
import { terraformCli } from './terraform-cli.mjs';
import { prepareWorkDir, writeOfflineOverride } from './work-dir.mjs';
import { fail } from './workspace.mjs';

const [command, projectRoot, ...flags] = process.argv.slice(2);
if (!command || !projectRoot) fail('usage: terraform.mjs <validate|plan|deploy|destroy|drift> <app dir> [--offline]');
const offline = flags.includes('--offline');

/** @param {{ status: number }} result @param {string} what */
function check(result, what) {
  if (result.status !== 0) fail(`${what} failed (exit ${result.status})`);
}

/**
 * Plans into `tfplan`, then writes the summary as JSON and Markdown beside it.
 * @param {ReturnType<typeof terraformCli>} tf @param {ReturnType<typeof prepareWorkDir>} dir @param {string[]} planArgs
 */
function planAndSummarize(tf, dir, planArgs) {
  check(tf.run(['plan', '-input=false', '-out=tfplan', ...planArgs]), 'terraform plan');
  const shown = tf.run(['show', '-json', 'tfplan'], { capture: true });
  check(shown, 'terraform show');
  const summary = summarizePlan(JSON.parse(shown.stdout));
  writeFileSync(join(dir.workDir, 'plan-summary.json'), `${JSON.stringify({ environment: dir.name, stack: dir.stack, ...summary }, null, 2)}\n`);
  writeFileSync(join(dir.workDir, 'plan-summary.md'), planSummaryMarkdown(dir.name, summary));
  process.stdout.write(`${dir.name}: ${summary.add} to add, ${summary.change} to change, ${summary.destroy} to destroy (summary: ${join(dir.workDir, 'plan-summary.md')})\n`);
  return summary;
}

switch (command) {
  case 'validate': {
    const dir = prepareWorkDir(projectRoot, 'validate');
    const tf = terraformCli(dir.workDir);
    check(tf.run(['init', '-backend=false', '-input=false', '-no-color']), 'terraform init');
    check(tf.run(['validate', '-no-color']), 'terraform validate');
    break;
  }
  case 'plan': {
    const dir = prepareWorkDir(projectRoot, offline ? 'offline' : 'remote');
    const tf = terraformCli(dir.workDir);
    if (offline) writeOfflineOverride(dir.workDir);
    check(tf.run(['init', '-input=false', '-no-color']), 'terraform init');
    planAndSummarize(tf, dir, offline ? ['-refresh=false', '-lock=false'] : []);
    break;
  }
  case 'deploy': {
    const dir = prepareWorkDir(projectRoot, 'remote');
    const tf = terraformCli(dir.workDir);
    check(tf.run(['init', '-input=false', '-no-color']), 'terraform init');
    planAndSummarize(tf, dir, []);
    check(tf.run(['apply', '-input=false', 'tfplan']), 'terraform apply');
    break;
  }
  case 'destroy': {
    const dir = prepareWorkDir(projectRoot, 'remote');
    const tf = terraformCli(dir.workDir);
    check(tf.run(['init', '-input=false', '-no-color']), 'terraform init');
    check(tf.run(['destroy', '-input=false', ...(process.env['CI'] === 'true' ? ['-auto-approve'] : [])]), 'terraform destroy');
    break;
  }
  case 'drift': {
    const dir = prepareWorkDir(projectRoot, 'remote');
    const tf = terraformCli(dir.workDir);
    check(tf.run(['init', '-input=false', '-no-color']), 'terraform init');
    const result = tf.run(['plan', '-refresh-only', '-detailed-exitcode', '-input=false', '-out=tfplan']);
    if (result.status === 1) fail('drift check failed: terraform plan errored');
    const summary = summarizePlan(JSON.parse(tf.run(['show', '-json', 'tfplan'], { capture: true }).stdout));
    process.stdout.write(result.status === 2 ? `${dir.name}: drift detected\n` : `${dir.name}: no drift\n`);
    if (result.status === 2) process.exitCode = 2;
    void summary;
    break;
  }
  default:
    fail(`unknown command '${command}': use validate, plan, deploy, destroy or drift`);
}
