import { block, ruleFor } from './rule.js';

/** Environment variables (table names, prefixes) are encrypted with the customer-managed key. */
export const lambdaEnvEncrypted = ruleFor('aws_lambda_function', 'lambda-env-encrypted', ['CKV_AWS_173'], {
  description: 'A function with environment variables encrypts them with a customer-managed key',
  check(fn) {
    const variables = block(fn.config['environment'])?.['variables'];
    const hasVariables = variables !== undefined && variables !== null && Object.keys(variables as object).length > 0;
    return !hasVariables || (typeof fn.config['kms_key_arn'] === 'string' && fn.config['kms_key_arn'] !== '')
      ? []
      : ['function has environment variables but no kms_key_arn'];
  },
});
