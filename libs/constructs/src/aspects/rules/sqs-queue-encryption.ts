import { isTrue, ruleFor } from './rule.js';

/** Messages at rest are encrypted (KMS or SQS-managed keys). */
export const sqsQueueEncryption = ruleFor('aws_sqs_queue', 'sqs-queue-encryption', ['CKV_AWS_27', 'AVD-AWS-0096'], {
  description: 'Every queue is encrypted at rest',
  check(queue) {
    return queue.config['kms_master_key_id'] || isTrue(queue.config['sqs_managed_sse_enabled']) ? [] : ['queue is not encrypted'];
  },
});
