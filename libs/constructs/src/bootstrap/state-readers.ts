import { Naming, type BootstrapConfig } from '@data-platform/config';
import { viaService } from '../iam/arns.js';
import type { PolicyStatement } from '../iam/policy-document.js';

/** The CI roles of one environment (SPEC §4); `preview` exists only where the account hosts PR previews. */
export const GITHUB_ROLE_KINDS = ['plan', 'deploy', 'preview'] as const;
export type GithubRoleKind = (typeof GITHUB_ROLE_KINDS)[number];

/** Names of one account's bootstrap: the account id is the suffix, so two bootstraps never collide. */
export function bootstrapNaming(project: string, accountId: string): Naming {
  return new Naming({ project, environment: 'bootstrap', environmentSuffix: accountId });
}

/** Physical name of an environment's CI role, as the bootstrap of its account creates it. */
export function githubRoleName(naming: Naming, kind: GithubRoleKind, environment: string): string {
  return naming.name('iamRole', 'role', `github-${kind}-${environment}`);
}

/** ARN of an environment's CI role in another account, built by the same names that account's bootstrap uses. */
export function githubRoleArn(project: string, accountId: string, kind: GithubRoleKind, environment: string): string {
  return `arn:aws:iam::${accountId}:role/${githubRoleName(bootstrapNaming(project, accountId), kind, environment)}`;
}

export type StateRead = BootstrapConfig['stateReads'][number];
export type StateReaders = BootstrapConfig['stateReaders'][number];

const bucketArn = (bucket: string) => `arn:aws:s3:::${bucket}`;
const unique = (values: readonly string[]) => [...new Set(values)];

/** The state objects an environment reads through `terraform_remote_state`. */
export const stateObjectArns = (reads: readonly StateRead[]) => reads.map((read) => `${bucketArn(read.bucket)}/${read.key}`);

/**
 * Identity statements of a reading role: GetObject on exactly the read state objects, and Decrypt of
 * their buckets' keys only through S3 for those buckets (S3 Bucket Keys: the context is the bucket ARN).
 * No list, no lock: `terraform_remote_state` reads the default workspace's object and nothing else.
 */
export function stateReadStatements(reads: readonly StateRead[]): PolicyStatement[] {
  if (reads.length === 0) return [];
  return [
    { sid: 'ReadOtherStates', actions: ['s3:GetObject'], resources: stateObjectArns(reads) },
    {
      sid: 'OtherStateKeys',
      actions: ['kms:Decrypt'],
      resources: unique(reads.map((read) => `arn:aws:kms:${read.region}:${read.accountId}:key/*`)),
      conditions: {
        StringEquals: {
          'kms:ViaService': unique(reads.map((read) => viaService('s3', read.region))),
          'kms:EncryptionContext:aws:s3:arn': unique(reads.map((read) => bucketArn(read.bucket))),
        },
      },
    },
  ];
}

/** Every CI role of the readers (aws:PrincipalArn), so no other principal of their accounts is admitted. */
function readerRoles(project: string, readers: StateReaders['readers']) {
  return {
    accounts: unique(readers.map((reader) => `arn:aws:iam::${reader.accountId}:root`)),
    roles: readers.flatMap((reader) => GITHUB_ROLE_KINDS.map((kind) => githubRoleArn(project, reader.accountId, kind, reader.environment))),
    callerAccounts: unique(readers.map((reader) => reader.accountId)),
  };
}

/** State-bucket policy statements of the owner: each reader's CI roles may GetObject its one state key. */
export function stateReaderBucketStatements(project: string, stateBucketArn: string, entries: readonly StateReaders[]): PolicyStatement[] {
  return entries.map((entry, index) => {
    const { accounts, roles } = readerRoles(project, entry.readers);
    return {
      sid: `StateReaders${index}`,
      actions: ['s3:GetObject'],
      principals: { AWS: accounts },
      resources: [`${stateBucketArn}/${entry.key}`],
      conditions: { ArnEquals: { 'aws:PrincipalArn': roles } },
    };
  });
}

/** State-key policy statement of the owner: those roles decrypt through S3, for the state bucket only. */
export function stateReaderKeyStatement(project: string, region: string, stateBucketArn: string, entries: readonly StateReaders[]): PolicyStatement | undefined {
  if (entries.length === 0) return undefined;
  const { accounts, roles, callerAccounts } = readerRoles(project, entries.flatMap((entry) => entry.readers));
  return {
    sid: 'StateReaders',
    actions: ['kms:Decrypt'],
    principals: { AWS: accounts },
    resources: ['*'],
    conditions: {
      ArnEquals: { 'aws:PrincipalArn': unique(roles) },
      StringEquals: { 'kms:CallerAccount': callerAccounts, 'kms:ViaService': viaService('s3', region), 'kms:EncryptionContext:aws:s3:arn': stateBucketArn },
    },
  };
}
