import { describe, expect, it } from 'vitest';
import { checkParity } from '../src/inventory/environment-parity.js';
import { synthesize, testConfig, TEST_CONFIG } from './fixtures/environment.js';

const PROD_STATE = { bucket: 'prod-state', region: 'eu-west-1', key: 'myapp/prod/main/DataPipeline-Prod-Stack.tfstate' };
const remoteStates = (stack: ReturnType<typeof synthesize>) =>
  ((stack.json as { data?: { terraform_remote_state?: Record<string, Record<string, unknown>> } }).data?.terraform_remote_state ?? {});

describe('staging seeded from prod: an Aurora copy-on-write clone (database.cloneFrom)', () => {
  const plain = synthesize(testConfig());
  const clone = synthesize(testConfig({ database: { ...TEST_CONFIG.database, cloneFrom: 'prod' }, remoteStates: { ...TEST_CONFIG.remoteStates, prod: PROD_STATE } }));

  it('is off by default: a new, empty cluster and no read of another environment', () => {
    expect(plain.one('aws_rds_cluster').config['restore_to_point_in_time']).toBeUndefined();
    expect(Object.keys(remoteStates(plain))).toEqual([expect.stringMatching(/^shared_state/)]);
  });

  it("restores the cluster as a copy-on-write clone of the source cluster read from prod's state", () => {
    const [name, state] = Object.entries(remoteStates(clone)).find(([id]) => id.startsWith('prod-state'))!;
    expect(state).toMatchObject({ backend: 's3', config: { ...PROD_STATE, encrypt: true } });
    expect(clone.one('aws_rds_cluster').config['restore_to_point_in_time']).toEqual({
      source_cluster_identifier: `\${data.terraform_remote_state.${name}.outputs.database-cluster-arn}`,
      restore_type: 'copy-on-write',
      use_latest_restorable_time: true,
    });
  });

  it('keeps the rest of the cluster as configured: the environment key, IAM auth, TLS parameters', () => {
    expect(clone.one('aws_rds_cluster').config).toMatchObject({ storage_encrypted: true, iam_database_authentication_enabled: true });
    expect(clone.one('aws_rds_cluster').config['kms_key_id']).toBe(plain.one('aws_rds_cluster').config['kms_key_id']);
  });

  it('has the migration step run the masking hook on the clone, again whenever the clone is replaced', () => {
    const migrateEnv = (stack: ReturnType<typeof synthesize>) =>
      (stack.one('aws_lambda_function', 'migrate').config['environment'] as { variables: Record<string, string> }).variables;
    expect(migrateEnv(clone)['DB_CLONED_FROM']).toBe('prod');
    expect(migrateEnv(plain)['DB_CLONED_FROM']).toBeUndefined();
    const triggers = clone.one('aws_lambda_invocation').config['triggers'] as Record<string, string>;
    expect(triggers['cluster']).toBe(`\${aws_rds_cluster.${clone.one('aws_rds_cluster').id}.cluster_resource_id}`);
    expect(Object.keys(plain.one('aws_lambda_invocation').config['triggers'] as object)).toEqual(['code']);
  });

  it('exports the cluster ARN, which a cloning environment reads', () => {
    expect(Object.keys(plain.json.output ?? {})).toContain('database-cluster-arn');
  });
});

describe('the source side: prod shares its cluster with the named accounts through AWS RAM', () => {
  const sharing = () => testConfig({ database: { ...TEST_CONFIG.database, shareWithAccountIds: ['222222222222'] }, envSpecificResources: ['network/sns-endpoint', 'network/endpoint-sg', 'network/nat', 'database/clone-share'] });
  const stack = synthesize(sharing());

  it('shares the cluster, and only with the named account', () => {
    const share = stack.one('aws_ram_resource_share');
    expect(share.config).toMatchObject({ name: 'ram-test-database-clone-ci1', allow_external_principals: true });
    expect(stack.one('aws_ram_resource_association').config['resource_arn']).toBe(`\${aws_rds_cluster.${stack.one('aws_rds_cluster').id}.arn}`);
    expect(stack.ofType('aws_ram_principal_association').map((a) => a.config['principal'])).toEqual(['222222222222']);
  });

  it('shares nothing unless the knob names an account', () => {
    expect(synthesize(testConfig()).ofType('aws_ram_resource_share')).toEqual([]);
  });

  it('passes parity only when the sharing environment declares the share env-specific', () => {
    const other = { name: 'staging', stack: synthesize(testConfig()), envSpecificResources: [] };
    const undeclared = checkParity([other, { name: 'prod', stack, envSpecificResources: [] }]);
    expect(undeclared.map((p) => p.resource)).toEqual(expect.arrayContaining(['aws_ram_resource_share:database_clone-share', 'aws_ram_resource_association:database_clone-share_cluster']));
    expect(checkParity([other, { name: 'prod', stack, envSpecificResources: sharing().envSpecificResources }])).toEqual([]);
  });
});
