// @ts-check
// Terraform runs in a copy of the synthesized stack (dist/terraform/<app>/<mode>) so .terraform,
// lock files, plans and overrides never leak into the cached synth output.
import { cpSync, existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { UserError } from '@data-platform/workspace';
import { offlineRemoteStateOverride } from './offline-remote-state.mjs';
import { appPaths, environmentOf } from './workspace.mjs';

/** @typedef {'remote' | 'offline' | 'validate'} WorkMode */

/**
 * What a fresh copy of the synth replaces: the configuration. Everything else (providers, the
 * lock file, saved plans and their records, summaries) belongs to earlier runs and stays.
 * @param {string} entry
 */
export function isConfiguration(entry) {
  return entry === 'assets' || entry.endsWith('.tf.json') || entry.endsWith('.tf');
}

/**
 * @param {string} projectRoot
 * @param {WorkMode} mode
 */
export function prepareWorkDir(projectRoot, mode) {
  const paths = appPaths(projectRoot);
  const stacksDir = join(paths.synthDir, 'stacks');
  if (!existsSync(stacksDir)) throw new UserError(`no synth output in ${stacksDir}: run "npx nx run ${paths.name}:synth" first`);
  const stacks = readdirSync(stacksDir);
  const [stack] = stacks;
  if (!stack || stacks.length > 1) throw new UserError(`expected exactly one stack in ${stacksDir}, found ${stacks.join(', ') || 'none'}`);
  const synthStackDir = join(stacksDir, stack);
  const workDir = join(paths.workDir, mode);
  mkdirSync(workDir, { recursive: true });
  for (const entry of readdirSync(workDir)) {
    if (isConfiguration(entry)) rmSync(join(workDir, entry), { recursive: true, force: true });
  }
  cpSync(synthStackDir, workDir, { recursive: true });
  return { ...paths, environment: environmentOf(projectRoot), mode, stack, workDir, synthStackDir };
}

/**
 * Local backend and dummy credentials: a full plan from empty state with no AWS call. With no
 * credentials there is no account to guard, so `allowed_account_ids` is lifted (the provider would
 * otherwise refuse the empty account id); real runs keep it. Remote states read their declared
 * stand-ins instead of S3 (offline-remote-state.mjs); Step Functions definitions are validated on
 * loopback when an endpoint is given (offline-definition-validation.mjs).
 * @param {string} workDir
 * @param {{ stepFunctionsEndpoint?: string }} [endpoints]
 */
export function writeOfflineOverride(workDir, endpoints = {}) {
  writeFileSync(
    join(workDir, 'offline_override.tf.json'),
    `${JSON.stringify(
      {
        terraform: { backend: { local: { path: 'offline.tfstate' } } },
        ...offlineRemoteStateOverride(workDir),
        provider: {
          aws: [
            {
              access_key: 'offline-plan-no-credentials',
              secret_key: 'offline-plan-no-credentials',
              skip_credentials_validation: true,
              skip_requesting_account_id: true,
              skip_metadata_api_check: true,
              skip_region_validation: true,
              allowed_account_ids: null,
              ...(endpoints.stepFunctionsEndpoint ? { endpoints: [{ sfn: endpoints.stepFunctionsEndpoint }] } : {}),
            },
          ],
        },
      },
      null,
      2,
    )}\n`,
  );
}
