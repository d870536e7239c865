import type { CallTarget, WorkloadRole } from '../../src/iam/workload-calls.js';
import type { EnvironmentView } from './environment-view.js';

/** A concrete request target: the resource, its account, the context the service adds, its resource policy. */
export interface RequestTarget {
  readonly resource: string;
  readonly accountId: string;
  readonly context: Readonly<Record<string, string>>;
  readonly resourcePolicy?: object;
}

/** A run's object key under a prefix, as the pipeline writes them. */
export const objectKey = (prefix: string) => `${prefix}2026/11/29/transactions-0001.csv`;

/** Where a call of `role` on `target` lands in environment `view` (which may be another environment). */
export function requestTarget(view: EnvironmentView, role: WorkloadRole, target: CallTarget): RequestTarget {
  const own = { accountId: view.accountId, context: {} };
  const ec2 = (resource: string) => ({ ...own, resource: `arn:aws:ec2:${view.region}:${view.accountId}:${resource}` });
  const key = (service: string, context: Record<string, string>): RequestTarget => ({
    resource: view.keyArn,
    accountId: view.accountId,
    resourcePolicy: view.keyPolicy,
    context: { 'kms:ViaService': `${service}.${view.region}.amazonaws.com`, 'kms:CallerAccount': view.accountId, ...context },
  });
  if (target === 'object:shards') {
    const bucket = view.dataBucket;
    return { ...own, resource: `arn:aws:s3:::${bucket}/${objectKey('processed/')}/null/shards/3/pass-1/records.jsonl`, resourcePolicy: view.bucketPolicy(bucket) };
  }
  if (target.startsWith('object:')) {
    const bucket = view.dataBucket;
    return { ...own, resource: `arn:aws:s3:::${bucket}/${objectKey(target.slice('object:'.length))}`, resourcePolicy: view.bucketPolicy(bucket) };
  }
  if (target.startsWith('function:')) return { ...own, resource: view.functionArn(target.slice('function:'.length)) };
  if (target.startsWith('topic:')) {
    const arn = view.topicArn(target.slice('topic:'.length) as 'events' | 'alerts');
    return { ...own, resource: arn, resourcePolicy: view.topicPolicy(arn) };
  }
  const functionName = view.functionOf(role) ?? '';
  switch (target) {
    case 'table':
      return { ...own, resource: view.tableArn };
    case 'table-index':
      return { ...own, resource: `${view.tableArn}/index/runs-by-status` };
    case 'repository':
      // The console image lives in the shared ECR repository, which may be another account's: then its
      // repository policy (the shared stack's) must let this account pull, as below; nothing more.
      return {
        resource: view.repositoryArn,
        accountId: view.repositoryArn.split(':')[4]!,
        context: {},
        resourcePolicy: {
          Version: '2012-10-17',
          Statement: [{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${view.accountId}:root` }, Action: ['ecr:BatchGetImage', 'ecr:GetDownloadUrlForLayer'] }],
        },
      };
    case 'console-log-group':
      return { ...own, resource: `${view.logGroupArn(view.consoleLogGroup)}:log-stream:console/console/0123456789abcdef0123456789abcdef` };
    case 'db-user:loader':
    case 'db-user:reader':
      return { ...own, resource: view.dbUserArn(target.slice('db-user:'.length)) };
    case 'master-secret':
      return { ...own, resource: view.masterSecretArn };
    case 'key:secretsmanager':
      return key('secretsmanager', { 'kms:EncryptionContext:SecretARN': view.masterSecretArn });
    case 'key:s3':
      return key('s3', { 'kms:EncryptionContext:aws:s3:arn': `arn:aws:s3:::${view.dataBucket}` });
    case 'key:dynamodb':
      return key('dynamodb', { 'kms:EncryptionContext:aws:dynamodb:tableName': view.tableName });
    case 'key:lambda':
      return key('lambda', { 'kms:EncryptionContext:LambdaFunctionName': functionName });
    case 'key:sns':
      return key('sns', { 'kms:EncryptionContext:aws:sns:topicArn': view.topicArn('alerts') });
    case 'key:states':
      return key('states', { 'kms:EncryptionContext:aws:states:stateMachineArn': view.stateMachineArn });
    case 'key:states-logs':
      return key('states', { 'kms:EncryptionContext:SourceArn': `${view.logGroupArn(view.stateMachineLogGroup)}:*` });
    case 'state-machine':
      return { ...own, resource: view.stateMachineArn };
    case 'state-machine-execution':
      return { ...own, resource: `${view.stateMachineArn.replace(':stateMachine:', ':execution:')}/ShardPassOne:0123abcd-0000-4000-8000-0123456789ab` };
    case 'own-log-group':
      return { ...own, resource: `${view.logGroupArn(`/aws/lambda/${functionName}`)}:log-stream:2026/11/29/[$LATEST]0123456789abcdef` };
    case 'flow-log-group':
      return { ...own, resource: `${view.logGroupArn(view.flowLogGroup)}:log-stream:eni-0123456789abcdef0-all` };
    case 'network-interface':
      return ec2('network-interface/eni-0123456789abcdef0');
    case 'subnet':
      return ec2(`subnet/${view.lambdaSubnetIds[0]}`);
    case 'security-group':
      return ec2(`security-group/${view.lambdaSecurityGroupIds[0]}`);
    case '*':
      return { ...own, resource: '*' };
  }
  throw new Error(`no request target for ${target}`);
}
