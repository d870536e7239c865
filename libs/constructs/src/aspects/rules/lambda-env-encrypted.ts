import { block, ruleFor } from './rule.js';

/** Environment variables (table names, prefixes) are encrypted with the customer-managed key. */
export const lambdaEnvEncrypted = ruleFor('aws_lambda_function', {
  id: 'lambda-env-encrypted',
  description: 'A function with environment variables encrypts them with a customer-managed key',
  scannerIds: ['CKV_AWS_173'],
  check(fn) {
    const variables = block(fn.config['environment'])?.['variables'];
    const hasVariables = variables !== undefined && variables !== null && Object.keys(variables as object).length > 0;
    return !hasVariables || (typeof fn.config['kms_key_arn'] === 'string' && fn.config['kms_key_arn'] !== '')
      ? []
      : ['function has environment variables but no kms_key_arn'];
  },
});
