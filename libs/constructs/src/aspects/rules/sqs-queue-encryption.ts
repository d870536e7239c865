import { isTrue, ruleFor } from './rule.js';

/** Messages at rest are encrypted (KMS or SQS-managed keys). */
export const sqsQueueEncryption = ruleFor('aws_sqs_queue', {
  id: 'sqs-queue-encryption',
  description: 'Every queue is encrypted at rest',
  scannerIds: ['CKV_AWS_27', 'AVD-AWS-0096'],
  check(queue) {
    return queue.config['kms_master_key_id'] || isTrue(queue.config['sqs_managed_sse_enabled']) ? [] : ['queue is not encrypted'];
  },
});
