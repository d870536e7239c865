// @ts-check
// Terraform runs in a copy of the synthesized stack (dist/terraform/<app>/<mode>) so .terraform,
// lock files, plans and overrides never leak into the cached synth output.
import { cpSync, existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { appPaths, fail } from './workspace.mjs';

/**
 * @param {string} projectRoot
 * @param {string} mode e.g. offline, remote, validate
 */
export function prepareWorkDir(projectRoot, mode) {
  const paths = appPaths(projectRoot);
  const stacksDir = join(paths.synthDir, 'stacks');
  if (!existsSync(stacksDir)) fail(`no synth output in ${stacksDir}: run "npx nx run ${paths.name}:synth" first`);
  const [stack, ...others] = readdirSync(stacksDir);
  if (!stack || others.length > 0) fail(`expected exactly one stack in ${stacksDir}, found ${readdirSync(stacksDir).join(', ') || 'none'}`);
  const source = join(stacksDir, stack);
  const workDir = join(paths.workDir, mode);
  mkdirSync(workDir, { recursive: true });
  for (const entry of readdirSync(workDir)) {
    // Keep provider installs and local state between runs; replace everything synthesized.
    if (!['.terraform', '.terraform.lock.hcl', 'offline.tfstate'].includes(entry)) rmSync(join(workDir, entry), { recursive: true, force: true });
  }
  cpSync(source, workDir, { recursive: true });
  return { ...paths, stack, workDir, synthStackDir: source };
}

/** Local backend and dummy credentials: a full plan from empty state with no AWS call. */
export function writeOfflineOverride(/** @type {string} */ workDir) {
  writeFileSync(
    join(workDir, 'offline_override.tf.json'),
    `${JSON.stringify(
      {
        terraform: { backend: { local: { path: 'offline.tfstate' } } },
        provider: {
          aws: [
            {
              access_key: 'offline-plan-no-credentials',
              secret_key: 'offline-plan-no-credentials',
              skip_credentials_validation: true,
              skip_requesting_account_id: true,
              skip_metadata_api_check: true,
              skip_region_validation: true,
            },
          ],
        },
      },
      null,
      2,
    )}\n`,
  );
}
