import { ruleFor } from './rule.js';

/** Messages at rest are encrypted with a KMS key. */
export const snsTopicEncryption = ruleFor('aws_sns_topic', 'sns-topic-encryption', ['CKV_AWS_26', 'AVD-AWS-0095'], {
  description: 'Every topic is encrypted with a KMS key',
  check(topic) {
    return topic.config['kms_master_key_id'] ? [] : ['topic has no kms_master_key_id'];
  },
});
