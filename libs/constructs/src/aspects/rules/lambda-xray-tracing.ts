import { block, ruleFor } from './rule.js';

/** Active X-Ray tracing. Environments whose config turns tracing off suppress this with that reason. */
export const lambdaXrayTracing = ruleFor('aws_lambda_function', 'lambda-xray-tracing', ['CKV_AWS_50', 'AVD-AWS-0066'], {
  description: 'Every function has active X-Ray tracing',
  check(fn) {
    return block(fn.config['tracing_config'])?.['mode'] === 'Active' ? [] : ['function tracing mode is not Active'];
  },
});
