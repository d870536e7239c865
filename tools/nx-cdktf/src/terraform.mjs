// @ts-check
// Terraform targets of an environment app: validate, plan [--offline], deploy, destroy, drift.
// Usage: node tools/nx-cdktf/src/terraform.mjs <command> <app dir> [--offline]
import { deploy } from './commands/deploy.mjs';
import { destroy } from './commands/destroy.mjs';
import { drift } from './commands/drift.mjs';
import { plan } from './commands/plan.mjs';
import { validate } from './commands/validate.mjs';
import { UserError, runMain } from './user-error.mjs';

/** @type {Record<string, (projectRoot: string, options: { offline: boolean }) => Promise<number>>} */
const COMMANDS = { validate, plan, deploy, destroy, drift };

await runMain(async () => {
  const [command, projectRoot, ...flags] = process.argv.slice(2);
  const run = command ? COMMANDS[command] : undefined;
  if (!run || !projectRoot) throw new UserError(`usage: terraform.mjs <${Object.keys(COMMANDS).join('|')}> <app dir> [--offline]`);
  const unknown = flags.filter((flag) => flag !== '--offline');
  if (unknown.length > 0) throw new UserError(`unknown option ${unknown.join(' ')}`);
  const offline = flags.includes('--offline');
  // Only plan has an offline mode: deploying or checking drift against an empty local state would
  // be meaningless, and doing it with dummy credentials would call AWS.
  if (offline && command !== 'plan') throw new UserError(`${command} has no offline mode: only plan runs without AWS`);
  return run(projectRoot, { offline });
});
