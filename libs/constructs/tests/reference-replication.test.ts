import { describe, expect, it } from 'vitest';
import { synthesize, testConfig } from './fixtures/environment.js';

const DEV = { environment: 'dev', environmentSuffix: 'main', accountId: '111111111111' };
const STAGING = { environment: 'staging', environmentSuffix: 'main', accountId: '222222222222' };
const PROD = { environment: 'prod', environmentSuffix: 'main', accountId: '333333333333' };
const PROD_ROLE = 'arn:aws:iam::333333333333:role/role-prod-reference-replication-main';
type Statement = { Sid?: string; Effect: string; Principal?: unknown; Action: string[]; Resource: unknown; Condition?: Record<string, Record<string, unknown>> };
const statements = (policy: unknown) => (JSON.parse(String(policy)) as { Statement: Statement[] }).Statement;

describe('reference-data replication, source side (prod): S3 replication of reference/ only', () => {
  const stack = synthesize(testConfig({ referenceData: { replicateTo: [DEV, STAGING] }, envSpecificResources: ['network/sns-endpoint', 'network/endpoint-sg', 'network/nat', 'reference-replication'] }));
  const bucketId = stack.one('aws_s3_bucket', 'ingest').id;

  it('replicates reference/ to each lower environment, SSE-KMS objects re-encrypted with its key, replicas owned by it', () => {
    const replication = stack.one('aws_s3_bucket_replication_configuration').config;
    expect(replication['depends_on']).toEqual([`aws_s3_bucket_versioning.${stack.one('aws_s3_bucket_versioning', 'ingest').id}`]);
    expect(replication['rule']).toEqual(
      [DEV, STAGING].map((ref, index) => ({
        id: `reference-to-${ref.environment}`,
        priority: index + 1,
        status: 'Enabled',
        filter: { prefix: 'reference/' },
        delete_marker_replication: { status: 'Enabled' },
        source_selection_criteria: { sse_kms_encrypted_objects: { status: 'Enabled' } },
        destination: {
          bucket: `arn:aws:s3:::myapp-${ref.environment}-data-main`,
          account: ref.accountId,
          access_control_translation: { owner: 'Destination' },
          encryption_configuration: { replica_kms_key_id: `arn:aws:kms:eu-west-1:${ref.accountId}:alias/kms-${ref.environment}-data-main` },
        },
      })),
    );
  });

  it("gives the role reads of reference/ here and replica writes to the lower environments' reference/ only", () => {
    const role = stack.one('aws_iam_role', 'reference-replication');
    expect(role.config['name']).toBe('role-test-reference-replication-ci1');
    const trust = statements(role.config['assume_role_policy'])[0]!;
    expect(trust.Principal).toEqual({ Service: 's3.amazonaws.com' });
    const policy = statements(stack.one('aws_iam_role_policy', 'reference-replication').config['policy']);
    const bySid = Object.fromEntries(policy.map((s) => [s.Sid, s]));
    expect(bySid['ReadReferenceVersions']!.Resource).toBe(`\${aws_s3_bucket.${bucketId}.arn}/reference/*`);
    expect(bySid['WriteReferenceReplicas']!.Resource).toEqual(['arn:aws:s3:::myapp-dev-data-main/reference/*', 'arn:aws:s3:::myapp-staging-data-main/reference/*']);
    expect(bySid['EncryptReplicas']!.Condition!['ForAnyValue:StringEquals']).toEqual({ 'kms:ResourceAliases': ['alias/kms-dev-data-main', 'alias/kms-staging-data-main'] });
    const s3Writes = policy.filter((s) => s.Action.some((a) => a.startsWith('s3:Replicate') || a.startsWith('s3:Put')));
    expect(s3Writes.flatMap((s) => [s.Resource].flat())).toEqual(expect.arrayContaining([expect.stringMatching(/\/reference\/\*$/)]));
    expect(s3Writes.flatMap((s) => [s.Resource].flat()).every((r) => String(r).endsWith('/reference/*'))).toBe(true);
  });

  it('is absent where nothing is replicated down', () => {
    const plain = synthesize(testConfig());
    expect(plain.ofType('aws_s3_bucket_replication_configuration')).toEqual([]);
    expect(plain.ofType('aws_iam_role').filter((r) => r.id.includes('reference'))).toEqual([]);
  });
});

describe('reference-data replication, destination side (dev, staging): admits prod\'s replication role and nothing else', () => {
  const stack = synthesize(testConfig({ referenceData: { replicatedFrom: PROD } }));

  it('lets only that role write replicas, under reference/ only', () => {
    const policy = statements(stack.one('aws_s3_bucket_policy', 'ingest').config['policy']);
    const replicas = policy.find((s) => s.Sid === 'ReferenceReplicasFromSource')!;
    expect(replicas).toMatchObject({ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::333333333333:root' }, Condition: { ArnEquals: { 'aws:PrincipalArn': PROD_ROLE } } });
    expect(replicas.Action).toEqual(['s3:ObjectOwnerOverrideToBucketOwner', 's3:ReplicateDelete', 's3:ReplicateObject', 's3:ReplicateTags']);
    expect(String(replicas.Resource)).toMatch(/\/reference\/\*$/);
    const crossAccount = policy.filter((s) => s.Effect === 'Allow');
    expect(crossAccount.every((s) => (s.Condition?.['ArnEquals'] as Record<string, string>)['aws:PrincipalArn'] === PROD_ROLE)).toBe(true);
  });

  it("lets that role encrypt with the environment's key through S3 only", () => {
    const key = statements(stack.one('aws_kms_key').config['policy']).find((s) => s.Sid === 'ReferenceReplicaEncryption')!;
    expect(key).toMatchObject({
      Principal: { AWS: 'arn:aws:iam::333333333333:root' },
      Action: ['kms:Encrypt', 'kms:GenerateDataKey'],
      Condition: { ArnEquals: { 'aws:PrincipalArn': PROD_ROLE }, StringEquals: { 'kms:CallerAccount': '333333333333', 'kms:ViaService': 's3.eu-west-1.amazonaws.com' } },
    });
  });

  it('admits no other account where nothing is replicated in', () => {
    const policy = statements(synthesize(testConfig()).one('aws_s3_bucket_policy', 'ingest').config['policy']);
    expect(policy.filter((s) => s.Effect === 'Allow')).toEqual([]);
  });
});
