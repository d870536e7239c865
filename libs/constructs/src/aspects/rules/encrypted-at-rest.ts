import { refersTo, type GovernanceRule, type SynthesizedResource } from './rule.js';

const truthy = (value: unknown) => value === true || value === 'true';

/** A nested block as cdktf synthesizes it: an object, or a one-element list. */
function block(value: unknown): Record<string, unknown> | undefined {
  const first = Array.isArray(value) ? value[0] : value;
  return first && typeof first === 'object' ? (first as Record<string, unknown>) : undefined;
}

const checks: Readonly<Record<string, (resource: SynthesizedResource, all: readonly SynthesizedResource[]) => string | undefined>> = {
  aws_s3_bucket: (bucket, all) =>
    all.some((r) => r.type === 'aws_s3_bucket_server_side_encryption_configuration' && refersTo(r.config['bucket'], bucket))
      ? undefined
      : 'bucket has no aws_s3_bucket_server_side_encryption_configuration',
  aws_dynamodb_table: (table) =>
    truthy(block(table.config['server_side_encryption'])?.['enabled']) ? undefined : 'table has no server_side_encryption with a KMS key',
  aws_sns_topic: (topic) => (topic.config['kms_master_key_id'] ? undefined : 'topic has no kms_master_key_id'),
  aws_sqs_queue: (queue) =>
    queue.config['kms_master_key_id'] || truthy(queue.config['sqs_managed_sse_enabled']) ? undefined : 'queue is not encrypted',
  aws_cloudwatch_log_group: (group) => (group.config['kms_key_id'] ? undefined : 'log group has no kms_key_id'),
};

/** Encryption at rest for every store (seed 000): buckets, tables, topics, queues, log groups. */
export const encryptedAtRest: GovernanceRule = {
  id: 'encrypted-at-rest',
  description: 'Every bucket, table, topic, queue and log group is encrypted at rest',
  scannerIds: ['CKV_AWS_145', 'CKV_AWS_119', 'CKV_AWS_26', 'CKV_AWS_27', 'CKV_AWS_158'],
  check(resource, { resources }) {
    const problem = checks[resource.type]?.(resource, resources);
    return problem ? [problem] : [];
  },
};
