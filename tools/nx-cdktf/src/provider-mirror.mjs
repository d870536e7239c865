// @ts-check
// Air-gapped use: with TF_PROVIDER_MIRROR set, providers come from that directory and nowhere else.
// The CLI config is written per work dir and passed via TF_CLI_CONFIG_FILE, so the user's own
// ~/.terraformrc is neither read nor changed.
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { UserError } from '@data-platform/workspace';

/** Environment variable naming a provider mirror directory (`terraform providers mirror` layout). */
export const MIRROR_VARIABLE = 'TF_PROVIDER_MIRROR';

/** File name of the generated CLI config inside a work dir. */
export const CLI_CONFIG_FILE = 'terraform-cli.tfrc';

/**
 * A CLI config that installs every provider from the mirror. There is deliberately no `direct`
 * block: a provider missing from the mirror must fail init, not reach for the network. No
 * `include` either, so the same mirror serves Terraform (registry.terraform.io/...) and
 * OpenTofu (registry.opentofu.org/...) by whatever hostnames its directories carry.
 * @param {string} mirrorDir absolute path
 */
export function mirrorCliConfig(mirrorDir) {
  return ['provider_installation {', '  filesystem_mirror {', `    path = ${JSON.stringify(mirrorDir)}`, '  }', '}', ''].join('\n');
}

/**
 * Environment additions for Terraform in `workDir`: none without a mirror, else TF_CLI_CONFIG_FILE.
 * @param {string} workDir
 * @param {NodeJS.ProcessEnv} [env]
 * @returns {Record<string, string>}
 */
export function providerMirrorEnv(workDir, env = process.env) {
  const mirror = env[MIRROR_VARIABLE];
  if (!mirror) return {};
  const mirrorDir = resolve(mirror);
  if (!existsSync(mirrorDir)) throw new UserError(`${MIRROR_VARIABLE}=${mirror} does not exist: point it at a directory made by 'terraform providers mirror'`);
  mkdirSync(workDir, { recursive: true });
  const file = join(workDir, CLI_CONFIG_FILE);
  writeFileSync(file, mirrorCliConfig(mirrorDir));
  return { TF_CLI_CONFIG_FILE: file };
}
