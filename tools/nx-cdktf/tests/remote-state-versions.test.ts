import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { deployedRecord, encodeRecord } from '../src/deployment-record.mjs';
import { offlineRemoteStateOverride } from '../src/offline-remote-state.mjs';
import { remoteStateObjects, remoteStateVersions, stateVersion } from '../src/remote-state-versions.mjs';

const SHARED = { bucket: 'myapp-tfstate-333333333333', key: 'myapp/shared/main/DataPipeline-Shared-Stack.tfstate', region: 'us-east-1' };
const PROD = { bucket: 'myapp-tfstate-333333333333', key: 'myapp/prod/main/DataPipeline-Prod-Stack.tfstate', region: 'us-east-1' };
const SYNTH = `sha256:${'c'.repeat(64)}`;

/** A synthesized stack reading the shared and prod states, as RemoteStackState writes them. */
const tfJson = {
  data: {
    terraform_remote_state: {
      shared_state_A1: { backend: 's3', config: { ...SHARED, encrypt: true }, '//': { offlineOutputs: { console_repository_url: '000000000000.dkr.ecr.us-east-1.amazonaws.com/x' } } },
      'prod-state_state_B2': { backend: 's3', config: { ...PROD, encrypt: true }, '//': { offlineOutputs: { 'database-cluster-arn': 'arn:aws:rds:us-east-1:000000000000:cluster:x' } } },
    },
  },
};

const workDirs: string[] = [];
function workDir(json: unknown = tfJson): string {
  const dir = mkdtempSync(join(tmpdir(), 'remote-state-versions-'));
  workDirs.push(dir);
  writeFileSync(join(dir, 'cdk.tf.json'), JSON.stringify(json));
  return dir;
}
afterAll(() => workDirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

const state = (serial: unknown, lineage: unknown) => JSON.stringify({ version: 4, serial, lineage, outputs: {}, resources: [] });

describe('the remote-state versions a plan read (deployment record)', () => {
  it('finds every remote state of the synth with its S3 location', () => {
    expect(remoteStateObjects(tfJson)).toEqual([
      { name: 'shared_state_A1', ...SHARED },
      { name: 'prod-state_state_B2', ...PROD },
    ]);
    expect(remoteStateObjects({})).toEqual([]);
    expect(() => remoteStateObjects({ data: { terraform_remote_state: { x: { backend: 'local', config: { path: 'a' } } } } })).toThrow(
      'remote state x: expected an S3 backend with bucket, key and region in cdk.tf.json',
    );
  });

  it('reads the serial and lineage of a state, and refuses what is not one', () => {
    expect(stateVersion(state(12, 'f00d-lineage'), 'here')).toEqual({ serial: 12, lineage: 'f00d-lineage' });
    expect(() => stateVersion('<html>', 'remote state s3://b/k')).toThrow('remote state s3://b/k is not a Terraform state (not JSON)');
    expect(() => stateVersion(state('12', 'x'), 'remote state s3://b/k')).toThrow('remote state s3://b/k is not a Terraform state (no serial and lineage)');
    expect(() => stateVersion(state(1, ''), 'here')).toThrow(/no serial and lineage/);
  });

  it('offline, reads the fixture states the offline override wrote, and asks nothing else', async () => {
    const dir = workDir();
    offlineRemoteStateOverride(dir);
    const versions = await remoteStateVersions(dir, { offline: true });
    expect(versions).toEqual([
      { bucket: PROD.bucket, key: PROD.key, serial: 1, lineage: 'offline-plan-fixture' },
      { bucket: SHARED.bucket, key: SHARED.key, serial: 1, lineage: 'offline-plan-fixture' },
    ]);
  });

  it('otherwise, reads each state object once through the given reader, sorted by location', async () => {
    const asked: string[] = [];
    const versions = await remoteStateVersions(workDir(), {
      offline: false,
      readObject: async ({ bucket, key, region }) => {
        asked.push(`${region} s3://${bucket}/${key}`);
        return key === SHARED.key ? state(42, 'shared-lineage') : state(7, 'prod-lineage');
      },
    });
    expect(asked.sort()).toEqual([`us-east-1 s3://${PROD.bucket}/${PROD.key}`, `us-east-1 s3://${SHARED.bucket}/${SHARED.key}`]);
    expect(versions).toEqual([
      { bucket: PROD.bucket, key: PROD.key, serial: 7, lineage: 'prod-lineage' },
      { bucket: SHARED.bucket, key: SHARED.key, serial: 42, lineage: 'shared-lineage' },
    ]);
  });

  it('puts them into the deployment record, which deploy still reads by its synth hash', () => {
    const remoteStates = [{ bucket: SHARED.bucket, key: SHARED.key, serial: 42, lineage: 'shared-lineage' }];
    const value = encodeRecord({ gitSha: 'abc123', synthHash: SYNTH, remoteStates });
    expect(JSON.parse(value)).toEqual({ gitSha: 'abc123', synthHash: SYNTH, remoteStates });
    expect(deployedRecord({ 'deployment-record': { value } })).toEqual({ gitSha: 'abc123', synthHash: SYNTH });
    // A stack that reads no other state keeps the record it had.
    expect(JSON.parse(encodeRecord({ gitSha: 'abc123', synthHash: SYNTH, remoteStates: [] }))).toEqual({ gitSha: 'abc123', synthHash: SYNTH });
  });
});
