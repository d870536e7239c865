// @ts-check
// Which version of every other stack's state a plan or deploy read (SPEC §3.7, §4): the serial and
// lineage of each terraform_remote_state, for the deployment record. Terraform does not expose
// them to the configuration, so the runner reads them itself just before the plan: offline from
// the fixture states; otherwise with `terraform state pull` through the same S3 backend, so the
// read takes the plan's own path (credentials, endpoints, proxy) and needs only what the plan
// needs (s3:GetObject on that object and the key through S3). A state replaced between the two
// reads is a race the record cannot rule out.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { UserError } from '@data-platform/workspace';
import { offlineRemoteStates } from './offline-remote-state.mjs';
import { providerMirrorEnv } from './provider-mirror.mjs';
import { terraformProcess } from './terraform-process.mjs';

/** Where the pulls run, inside the work dir (one small backend-only configuration per state). */
export const STATE_PULL_DIR = 'remote-state-pull';

/**
 * @typedef {{ bucket: string, key: string, region: string }} StateObject
 * @typedef {{ bucket: string, key: string, serial: number, lineage: string }} StateVersion
 * @typedef {(object: StateObject) => Promise<string>} ReadObject
 */

/**
 * The S3 location of every remote state the synthesized stack reads, by data source name.
 * @param {unknown} tfJson parsed cdk.tf.json
 * @returns {Array<{ name: string } & StateObject>}
 */
export function remoteStateObjects(tfJson) {
  const states = /** @type {{ data?: { terraform_remote_state?: Record<string, { backend?: string, config?: Record<string, unknown> }> } }} */ (tfJson).data?.terraform_remote_state ?? {};
  return Object.entries(states).map(([name, block]) => {
    const { bucket, key, region } = block.config ?? {};
    if (block.backend !== 's3' || typeof bucket !== 'string' || typeof key !== 'string' || typeof region !== 'string') {
      throw new UserError(`remote state ${name}: expected an S3 backend with bucket, key and region in cdk.tf.json`);
    }
    return { name, bucket, key, region };
  });
}

/**
 * Serial and lineage of a Terraform state file's text.
 * @param {string} text
 * @param {string} where named in the error
 * @returns {{ serial: number, lineage: string }}
 */
export function stateVersion(text, where) {
  let state;
  try {
    state = JSON.parse(text);
  } catch {
    throw new UserError(`${where} is not a Terraform state (not JSON)`);
  }
  const { serial, lineage } = state ?? {};
  if (!Number.isInteger(serial) || serial < 0 || typeof lineage !== 'string' || lineage === '') {
    throw new UserError(`${where} is not a Terraform state (no serial and lineage)`);
  }
  return { serial, lineage };
}

/**
 * Reads a state with `terraform state pull` from a configuration holding only its S3 backend.
 * @param {{ binary: string, workDir: string }} terraform
 * @returns {ReadObject}
 */
export function terraformStatePull({ binary, workDir }) {
  return async ({ bucket, key, region }) => {
    const where = `remote state s3://${bucket}/${key}`;
    const dir = join(workDir, STATE_PULL_DIR, key.replace(/[^A-Za-z0-9.-]/g, '_'));
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'main.tf.json'), `${JSON.stringify({ terraform: { backend: { s3: { bucket, key, region, encrypt: true } } } }, null, 2)}\n`);
    const tf = terraformProcess({ binary, workDir: dir, env: { ...process.env, ...providerMirrorEnv(dir) } });
    const lastLine = (/** @type {string} */ output) => output.trim().split('\n').filter((line) => line.trim() && !/^[\s│╷╵]*$/.test(line)).at(-1)?.replace(/^[│\s]+/, '') ?? 'no output';
    const init = await tf.run(['init', '-input=false', '-no-color'], { output: 'quiet' });
    if (init.status !== 0) throw new UserError(`could not read ${where}: terraform init failed: ${lastLine(init.output)}`);
    const pulled = await tf.run(['state', 'pull'], { output: 'json' });
    if (pulled.status !== 0) throw new UserError(`could not read ${where}: terraform state pull failed: ${lastLine(pulled.output)}`);
    if (!pulled.stdout.trim()) throw new UserError(`${where} does not exist: deploy that stack first`);
    return pulled.stdout;
  };
}

/**
 * The version of every remote state the stack in `workDir` reads, sorted by bucket and key.
 * @param {string} workDir holding cdk.tf.json (and, offline, the fixture states)
 * @param {{ offline: true } | { offline: false, readObject: ReadObject }} options
 * @returns {Promise<StateVersion[]>}
 */
export async function remoteStateVersions(workDir, options) {
  const tfJson = JSON.parse(readFileSync(join(workDir, 'cdk.tf.json'), 'utf8'));
  const fixtures = options.offline ? offlineRemoteStates(tfJson) : {};
  const versions = await Promise.all(
    remoteStateObjects(tfJson).map(async ({ name, ...object }) => {
      // Offline never reaches S3: every remote state has a fixture (offlineRemoteStates refuses one without).
      const fixture = options.offline ? /** @type {NonNullable<typeof fixtures[string]>} */ (fixtures[name]).override.config.path : undefined;
      const text = fixture ? readFileSync(join(workDir, fixture), 'utf8') : await /** @type {{ readObject: ReadObject }} */ (options).readObject(object);
      return { bucket: object.bucket, key: object.key, ...stateVersion(text, fixture ? `offline fixture ${fixture}` : `remote state s3://${object.bucket}/${object.key}`) };
    }),
  );
  return versions.sort((a, b) => `${a.bucket}/${a.key}`.localeCompare(`${b.bucket}/${b.key}`));
}
