import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { WORKSPACE_ROOT } from './workspace-paths.js';

/** Why real Terraform cannot run here, or undefined when it can. */
export function terraformUnavailableReason(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const binary = env['TERRAFORM_BINARY'] || 'terraform';
  if (spawnSync(binary, ['version'], { env: { ...env, CHECKPOINT_DISABLE: '1' } }).error) return `'${binary}' is not on PATH`;
  const mirror = env['TF_PROVIDER_MIRROR'];
  if (!mirror) return 'TF_PROVIDER_MIRROR is not set (no provider mirror and no registry access)';
  if (!existsSync(mirror)) return `TF_PROVIDER_MIRROR=${mirror} does not exist`;
  return undefined;
}

/**
 * describe() for tests that drive real Terraform: the project's one sanctioned skip, announced
 * loudly so a green run without Terraform is never mistaken for a full one.
 */
export function describeWithTerraform(name: string, body: () => void): void {
  const reason = terraformUnavailableReason();
  if (reason) process.stderr.write(`\n*** SKIPPED: ${name}: ${reason} ***\n\n`);
  describe.skipIf(reason !== undefined)(name, body);
}

function runTarget(command: string, appName: string, ...flags: string[]) {
  return spawnSync(process.execPath, [join(WORKSPACE_ROOT, 'tools/nx-cdktf/src/terraform.mjs'), command, `apps/${appName}`, ...flags], {
    cwd: WORKSPACE_ROOT,
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
  });
}

/**
 * Real Terraform against the synthesized JSON: `validate`, then a full offline plan from empty
 * state. Where Terraform or the provider mirror is missing it says so loudly and skips.
 */
/** What every environment stack plans, by resource type. */
export const ENVIRONMENT_RESOURCE_COUNTS: Readonly<Record<string, number>> = {
  // validate, transform, load, quarantine, migrate, status API and the four fan-out functions.
  aws_lambda_function: 10,
  aws_sfn_state_machine: 1,
  aws_rds_cluster: 1,
  aws_apigatewayv2_stage: 1,
  // Run metadata and reference data.
  aws_dynamodb_table: 2,
};

export function describeTerraformTier(appName: string, expectedResources: { readonly min: number; readonly byType?: Readonly<Record<string, number>> }): void {
  const byType = expectedResources.byType ?? ENVIRONMENT_RESOURCE_COUNTS;
  describeWithTerraform(`${appName} with real Terraform`, () => {
    it('passes terraform validate', () => {
      const result = runTarget('validate', appName);
      expect(result.status, result.stderr + result.stdout).toBe(0);
      expect(result.stdout).toContain('The configuration is valid');
    }, 180_000);

    it('plans every resource from empty state offline, with no change or destroy', () => {
      const result = runTarget('plan', appName, '--offline');
      expect(result.status, result.stderr).toBe(0);
      const summaryFile = join(WORKSPACE_ROOT, 'dist', 'terraform', appName, 'offline', 'plan-summary.json');
      const summary = JSON.parse(readFileSync(summaryFile, 'utf8')) as { add: number; change: number; destroy: number; byType: Record<string, { add: number }> };
      expect(summary.add).toBeGreaterThanOrEqual(expectedResources.min);
      expect(summary.change).toBe(0);
      expect(summary.destroy).toBe(0);
      for (const [type, count] of Object.entries(byType)) expect(summary.byType[type]?.add, type).toBe(count);
    }, 300_000);
  });
}
