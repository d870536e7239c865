import { isTrue, ruleFor } from './rule.js';

/** Annual automatic rotation of the key material. */
export const kmsKeyRotation = ruleFor('aws_kms_key', 'kms-key-rotation', ['CKV_AWS_7', 'AVD-AWS-0065'], {
  description: 'Every customer-managed key rotates automatically',
  check(key) {
    return isTrue(key.config['enable_key_rotation']) ? [] : ['key rotation is off'];
  },
});
