import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { describe } from 'vitest';

/** Why real Terraform cannot run here, or undefined when it can. */
export function terraformUnavailable(env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (spawnSync('terraform', ['version'], { env: { ...env, CHECKPOINT_DISABLE: '1' } }).error) return "'terraform' is not on PATH";
  const mirror = env['TF_PROVIDER_MIRROR'];
  if (!mirror) return 'TF_PROVIDER_MIRROR is unset (no provider mirror to install the AWS provider from)';
  if (!existsSync(mirror)) return `TF_PROVIDER_MIRROR=${mirror} does not exist`;
  return undefined;
}

/**
 * describe() for tests that drive real Terraform: the project's one sanctioned skip, announced
 * loudly so a green run without Terraform is never mistaken for a full one.
 */
export function describeWithTerraform(name: string, body: () => void): void {
  const reason = terraformUnavailable();
  if (reason) process.stderr.write(`\nSKIPPED: ${name}: ${reason}\n\n`);
  describe.skipIf(reason !== undefined)(name, body);
}
