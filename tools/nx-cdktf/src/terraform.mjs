// @ts-check
// Terraform targets of an environment app: validate, plan [--offline], deploy [--force]
// [--plan-sha256=<hex>], destroy, drift.
// Usage: node tools/nx-cdktf/src/terraform.mjs <command> <app dir> [options]
import { deploy } from './commands/deploy.mjs';
import { destroy } from './commands/destroy.mjs';
import { drift } from './commands/drift.mjs';
import { plan } from './commands/plan.mjs';
import { validate } from './commands/validate.mjs';
import { UserError, runMain } from '@data-platform/workspace';

/** Each command and the options it takes; anything else is refused in one line. */
const COMMANDS = {
  validate: { run: validate, options: [] },
  plan: { run: (/** @type {string} */ root, /** @type {Record<string, string | true>} */ o) => plan(root, { offline: o['offline'] === true }), options: ['--offline'] },
  deploy: {
    run: (/** @type {string} */ root, /** @type {Record<string, string | true>} */ o) =>
      deploy(root, { force: o['force'] === true, ...(typeof o['plan-sha256'] === 'string' ? { planSha256: o['plan-sha256'] } : {}) }),
    options: ['--force', '--plan-sha256=<hex>'],
  },
  destroy: { run: destroy, options: [] },
  drift: { run: drift, options: [] },
};

/**
 * @param {string} command
 * @param {string[]} flags
 * @param {string[]} allowed
 * @returns {Record<string, string | true>}
 */
function parseOptions(command, flags, allowed) {
  /** @type {Record<string, string | true>} */
  const options = {};
  for (const flag of flags) {
    const [name = '', value] = flag.split(/=(.*)/s);
    const spec = allowed.find((option) => option.split('=')[0] === name);
    if (!spec) {
      // Only plan has an offline mode: deploying or checking drift against an empty local state
      // would be meaningless, and doing it with dummy credentials would call AWS.
      if (name === '--offline') throw new UserError(`${command} has no offline mode: only plan runs without AWS`);
      throw new UserError(`${command} takes ${allowed.length ? allowed.join(', ') : 'no options'}; got ${flag}`);
    }
    if (spec.includes('=') && !value) throw new UserError(`${name} needs a value: ${spec}`);
    if (name === '--plan-sha256' && !/^[0-9a-f]{64}$/.test(String(value))) throw new UserError(`--plan-sha256 must be the 64-hex-digit sha256 of the reviewed plan; got ${value}`);
    options[name.slice(2)] = spec.includes('=') ? /** @type {string} */ (value) : true;
  }
  return options;
}

await runMain(async () => {
  const [command, projectRoot, ...flags] = process.argv.slice(2);
  const entry = command ? COMMANDS[/** @type {keyof typeof COMMANDS} */ (command)] : undefined;
  if (!entry || !projectRoot) throw new UserError(`usage: terraform.mjs <${Object.keys(COMMANDS).join('|')}> <app dir> [options]`);
  return entry.run(projectRoot, parseOptions(/** @type {string} */ (command), flags, entry.options));
});
