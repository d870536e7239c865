import { block, isTrue, ruleFor } from './rule.js';

/** X-Ray tracing of executions. Environments whose config turns tracing off suppress this with that reason. */
export const sfnXrayTracing = ruleFor('aws_sfn_state_machine', {
  id: 'sfn-xray-tracing',
  description: 'Every state machine has X-Ray tracing enabled',
  scannerIds: ['CKV_AWS_284'],
  check(machine) {
    return isTrue(block(machine.config['tracing_configuration'])?.['enabled']) ? [] : ['state machine tracing is off'];
  },
});
