import { describe, expect, it } from 'vitest';
import { fixtureState, offlineRemoteStates } from '../src/offline-remote-state.mjs';
import { remoteStateEdges, remoteStatesOf } from '../src/remote-state-dependencies.cjs';

const remoteState = (comment: unknown) => ({ backend: 's3', config: { bucket: 'b', key: 'k.tfstate', region: 'us-east-1' }, '//': comment });

// The comment key itself is tied to the RemoteStackState construct by offline-plan.test.ts, which reads it from dev's synth.
describe('offline remote states', () => {
  it('points every remote state at a local fixture state holding its declared stand-ins', () => {
    const states = offlineRemoteStates({ data: { terraform_remote_state: { shared_state: remoteState({ metadata: {}, offlineOutputs: { url: 'x.dkr.ecr' } }) } } });
    expect(states).toEqual({ shared_state: { outputs: { url: 'x.dkr.ecr' }, override: { backend: 'local', config: { path: 'offline-remote-state/shared_state.tfstate' } } } });
    expect(fixtureState({ url: 'x.dkr.ecr' })).toMatchObject({ version: 4, outputs: { url: { value: 'x.dkr.ecr', type: 'string' } }, resources: [] });
  });

  it('has nothing to override in a stack that reads no other state', () => {
    expect(offlineRemoteStates({ resource: {} })).toEqual({});
  });

  it('refuses a remote state without stand-ins, or with a stand-in that is not text, naming it', () => {
    expect(() => offlineRemoteStates({ data: { terraform_remote_state: { raw: remoteState({ metadata: {} }) } } })).toThrow(/^remote state raw declares no offline outputs/);
    expect(() => offlineRemoteStates({ data: { terraform_remote_state: { odd: remoteState({ offlineOutputs: { count: 3 } }) } } })).toThrow('remote state odd: offline outputs count must be strings');
  });
});

describe('remote-state dependencies', () => {
  const apps = [
    { project: 'infra-shared', environment: 'shared', remoteStates: [] },
    { project: 'infra-dev', environment: 'dev', remoteStates: ['shared'] },
    { project: 'infra-staging', environment: 'staging', remoteStates: ['shared', 'prod'] },
    { project: 'infra-prod', environment: 'prod', remoteStates: ['shared'] },
  ];

  it('links each reader to the app that owns the state it reads', () => {
    expect(remoteStateEdges(apps)).toEqual([
      { source: 'infra-dev', target: 'infra-shared' },
      { source: 'infra-staging', target: 'infra-shared' },
      { source: 'infra-staging', target: 'infra-prod' },
      { source: 'infra-prod', target: 'infra-shared' },
    ]);
  });

  it('reads the environments from cdktf.json context.remoteStates', () => {
    expect(remoteStatesOf({ remoteStates: { shared: {}, prod: {} } })).toEqual(['shared', 'prod']);
    expect(remoteStatesOf({ environment: 'dev' })).toEqual([]);
  });

  it('refuses a remote state that names no app', () => {
    expect(() => remoteStateEdges([{ project: 'infra-dev', environment: 'dev', remoteStates: ['qa'] }])).toThrow(
      'infra-dev: cdktf.json context.remoteStates.qa names no app (no apps/*/cdktf.json has environment "qa")',
    );
  });
});
