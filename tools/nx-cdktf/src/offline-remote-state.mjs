// @ts-check
// An offline plan reads no state from S3: every terraform_remote_state data source is pointed at
// a local fixture state, written here from the stand-ins the stack declared beside the data source
// (the `//` comment `offlineOutputs`), so each output the stack reads has a value of the right
// shape and Terraform makes no AWS call.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { UserError } from '@data-platform/workspace';

/** The comment key RemoteStackState (libs/constructs) writes its stand-ins under. */
export const OFFLINE_OUTPUTS_COMMENT = 'offlineOutputs';

/** Where the fixture states go, relative to the work dir. */
export const OFFLINE_STATE_DIR = 'offline-remote-state';

/**
 * Override blocks for every remote state of a synthesized stack.
 * @param {unknown} tfJson parsed cdk.tf.json
 * @returns {Record<string, { outputs: Record<string, string>, override: { backend: 'local', config: { path: string } } }>}
 */
export function offlineRemoteStates(tfJson) {
  const data = /** @type {{ data?: { terraform_remote_state?: Record<string, Record<string, unknown>> } }} */ (tfJson).data;
  const states = data?.terraform_remote_state ?? {};
  return Object.fromEntries(
    Object.entries(states).map(([name, block]) => {
      const comment = /** @type {Record<string, unknown> | undefined} */ (block['//']);
      const defaults = comment?.[OFFLINE_OUTPUTS_COMMENT];
      if (!defaults || typeof defaults !== 'object') {
        throw new UserError(`remote state ${name} declares no offline outputs: read other stacks through RemoteStackState so an offline plan has values for them`);
      }
      const notText = Object.entries(defaults).filter(([, value]) => typeof value !== 'string');
      if (notText.length > 0) throw new UserError(`remote state ${name}: offline outputs ${notText.map(([key]) => key).join(', ')} must be strings`);
      return [name, { outputs: /** @type {Record<string, string>} */ (defaults), override: { backend: /** @type {const} */ ('local'), config: { path: `${OFFLINE_STATE_DIR}/${name}.tfstate` } } }];
    }),
  );
}

/**
 * A Terraform state (format 4) holding only outputs, as `terraform_remote_state` reads it.
 * @param {Record<string, string>} outputs
 */
export function fixtureState(outputs) {
  return {
    version: 4,
    terraform_version: '1.11.4',
    serial: 1,
    lineage: 'offline-plan-fixture',
    outputs: Object.fromEntries(Object.entries(outputs).map(([name, value]) => [name, { value, type: 'string' }])),
    resources: [],
    check_results: null,
  };
}

/**
 * Writes the fixture states into the work dir and returns the override part that reads them.
 * @param {string} workDir holding the copied cdk.tf.json
 */
export function offlineRemoteStateOverride(workDir) {
  const states = offlineRemoteStates(JSON.parse(readFileSync(join(workDir, 'cdk.tf.json'), 'utf8')));
  if (Object.keys(states).length === 0) return {};
  mkdirSync(join(workDir, OFFLINE_STATE_DIR), { recursive: true });
  for (const { outputs, override } of Object.values(states)) {
    writeFileSync(join(workDir, override.config.path), `${JSON.stringify(fixtureState(outputs), null, 2)}\n`);
  }
  return { data: { terraform_remote_state: Object.fromEntries(Object.entries(states).map(([name, { override }]) => [name, override])) } };
}
