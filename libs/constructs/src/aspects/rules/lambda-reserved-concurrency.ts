import { ruleFor } from './rule.js';

/** Reserved concurrency bounds cost and blast radius (and guarantees capacity) per function. */
export const lambdaReservedConcurrency = ruleFor('aws_lambda_function', 'lambda-reserved-concurrency', ['CKV_AWS_115'], {
  description: 'Every function has a function-level concurrency limit (reserved concurrency)',
  check(fn) {
    const reserved = Number(fn.config['reserved_concurrent_executions'] ?? -1);
    return Number.isInteger(reserved) && reserved >= 0 ? [] : ['function has no reserved_concurrent_executions'];
  },
});
