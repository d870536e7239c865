// @ts-check
// Which Terraform runs: `terraform` unless TERRAFORM_BINARY names another (OpenTofu's `tofu`), and
// only a version whose S3 backend has the native lock file the stacks synthesize (`use_lockfile`).
import { spawnSync } from 'node:child_process';
import { UserError } from '@data-platform/workspace';

/** Environment variable naming the binary to run instead of `terraform`, e.g. `tofu`. */
export const BINARY_VARIABLE = 'TERRAFORM_BINARY';

/** `use_lockfile` arrived in Terraform 1.10 and OpenTofu 1.10. */
export const MINIMUM_VERSION = /** @type {const} */ ([1, 10, 0]);

/**
 * @typedef {{ product: 'Terraform' | 'OpenTofu', version: string }} TerraformVersion
 * @typedef {{ binary: string } & TerraformVersion} TerraformBinary
 */

/**
 * Reads the first line of `terraform version` / `tofu version`.
 * @param {string} text
 * @returns {TerraformVersion | undefined}
 */
export function parseVersion(text) {
  const match = /^(Terraform|OpenTofu) v(\d+\.\d+\.\d+\S*)/m.exec(text);
  if (!match) return undefined;
  return { product: /** @type {TerraformVersion['product']} */ (match[1]), version: /** @type {string} */ (match[2]) };
}

/**
 * The problem with a version, if any, as the one line to print.
 * @param {string} binary
 * @param {TerraformVersion} found
 * @returns {string | undefined}
 */
export function versionProblem(binary, found) {
  const parts = found.version.split(/[.-]/).slice(0, 3).map(Number);
  for (let i = 0; i < MINIMUM_VERSION.length; i++) {
    const have = parts[i] ?? 0;
    const need = MINIMUM_VERSION[i] ?? 0;
    if (have > need) return undefined;
    if (have < need) {
      return `${binary} is ${found.product} ${found.version}; the S3 backend's use_lockfile needs ${found.product} >= ${MINIMUM_VERSION.join('.')}`;
    }
  }
  return undefined;
}

/**
 * The line to print when the binary cannot be run, saying what to install.
 * @param {string} binary
 * @param {boolean} chosen whether TERRAFORM_BINARY named it
 */
export function missingBinaryMessage(binary, chosen) {
  const install = `install Terraform >= ${MINIMUM_VERSION.join('.')} (https://developer.hashicorp.com/terraform/install)`;
  return chosen
    ? `${BINARY_VARIABLE}=${binary} but '${binary}' was not found on PATH: install it (OpenTofu: https://opentofu.org/docs/intro/install/) or unset ${BINARY_VARIABLE} and ${install}`
    : `'terraform' was not found on PATH: ${install}, or install OpenTofu and set ${BINARY_VARIABLE}=tofu`;
}

/**
 * Finds the binary and checks its version; throws a one-line UserError otherwise.
 * @param {NodeJS.ProcessEnv} [env]
 * @returns {TerraformBinary}
 */
export function resolveTerraform(env = process.env) {
  const chosen = Boolean(env[BINARY_VARIABLE]);
  const binary = env[BINARY_VARIABLE] || 'terraform';
  const probe = spawnSync(binary, ['version'], { encoding: 'utf8', env: { ...env, CHECKPOINT_DISABLE: '1' } });
  if (probe.error) throw new UserError(missingBinaryMessage(binary, chosen));
  const found = parseVersion(probe.stdout);
  if (!found) throw new UserError(`'${binary} version' did not print a Terraform or OpenTofu version: is ${binary} really Terraform?`);
  const problem = versionProblem(binary, found);
  if (problem) throw new UserError(problem);
  return { binary, ...found };
}
