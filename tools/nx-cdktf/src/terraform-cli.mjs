// @ts-check
// How the runners find and call Terraform (or OpenTofu) without touching the user's own CLI config.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fail } from './workspace.mjs';

/** Environment variables this product documents for Terraform. */
export const TERRAFORM_ENV = {
  /** Binary to run instead of `terraform`, e.g. `tofu`. */
  binary: 'TERRAFORM_BINARY',
  /** Air-gapped use: a provider mirror directory (filesystem_mirror layout). */
  mirror: 'TF_PROVIDER_MIRROR',
};

/**
 * Resolves the binary and the environment to run it with. With TF_PROVIDER_MIRROR set, a CLI
 * config pointing at the mirror is written into the work dir and used via TF_CLI_CONFIG_FILE.
 * @param {string} workDir
 */
export function terraformCli(workDir) {
  const binary = process.env[TERRAFORM_ENV.binary] || 'terraform';
  const probe = spawnSync(binary, ['version'], { encoding: 'utf8' });
  if (probe.error) {
    fail(`'${binary}' was not found on PATH: install Terraform >= 1.10 (or OpenTofu and set ${TERRAFORM_ENV.binary}=tofu)`);
  }
  /** @type {NodeJS.ProcessEnv} */
  const env = { ...process.env, CHECKPOINT_DISABLE: '1', TF_IN_AUTOMATION: '1', TF_INPUT: '0' };
  const mirror = process.env[TERRAFORM_ENV.mirror];
  if (mirror) {
    const mirrorDir = resolve(mirror);
    if (!existsSync(mirrorDir)) fail(`${TERRAFORM_ENV.mirror}=${mirror} does not exist`);
    mkdirSync(workDir, { recursive: true });
    const cliConfig = join(workDir, 'terraform-cli.tfrc');
    writeFileSync(
      cliConfig,
      [
        'provider_installation {',
        `  filesystem_mirror {`,
        `    path    = ${JSON.stringify(mirrorDir)}`,
        '    include = ["registry.terraform.io/*/*"]',
        '  }',
        '  direct {',
        '    exclude = ["registry.terraform.io/*/*"]',
        '  }',
        '}',
        '',
      ].join('\n'),
    );
    env['TF_CLI_CONFIG_FILE'] = cliConfig;
  }
  return {
    binary,
    /**
     * Runs one command in the work dir; returns its exit status (output streams to the user).
     * @param {string[]} args
     * @param {{ capture?: boolean }} [options]
     */
    run(args, options = {}) {
      const result = spawnSync(binary, args, {
        cwd: workDir,
        env,
        encoding: 'utf8',
        maxBuffer: 512 * 1024 * 1024,
        stdio: options.capture ? ['ignore', 'pipe', 'inherit'] : 'inherit',
      });
      return { status: result.status ?? 1, stdout: result.stdout ?? '' };
    },
  };
}
