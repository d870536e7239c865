import { block, isTrue, ruleFor } from './rule.js';

/** Point-in-time recovery: 35 days of continuous backups against bad writes. */
export const dynamodbPitr = ruleFor('aws_dynamodb_table', 'dynamodb-pitr', ['CKV_AWS_28', 'AVD-AWS-0024'], {
  description: 'Every table has point-in-time recovery on',
  check(table) {
    return isTrue(block(table.config['point_in_time_recovery'])?.['enabled']) ? [] : ['table has point-in-time recovery off'];
  },
});
