import { block, isTrue, ruleFor } from './rule.js';

/** Table data encrypted with the environment's customer-managed key, not the AWS-owned default. */
export const dynamodbCmkEncryption = ruleFor('aws_dynamodb_table', 'dynamodb-cmk-encryption', ['CKV_AWS_119', 'AVD-AWS-0025'], {
  description: 'Every table uses SSE with a customer-managed KMS key',
  check(table) {
    const sse = block(table.config['server_side_encryption']);
    if (!isTrue(sse?.['enabled'])) return ['table has no server_side_encryption enabled'];
    return typeof sse?.['kms_key_arn'] === 'string' && sse['kms_key_arn'] !== '' ? [] : ['table SSE has no customer-managed kms_key_arn'];
  },
});
