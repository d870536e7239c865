import { block, isTrue, ruleFor } from './rule.js';

/** X-Ray tracing of executions. Environments whose config turns tracing off suppress this with that reason. */
export const sfnXrayTracing = ruleFor('aws_sfn_state_machine', 'sfn-xray-tracing', ['CKV_AWS_284'], {
  description: 'Every state machine has X-Ray tracing enabled',
  check(machine) {
    return isTrue(block(machine.config['tracing_configuration'])?.['enabled']) ? [] : ['state machine tracing is off'];
  },
});
