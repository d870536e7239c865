import { block, ruleFor } from './rule.js';

/**
 * Execution events go to a log group. Payloads are deliberately left out (they hold account ids and
 * amounts), which CKV_AWS_285 (include_execution_data = true) would flag, so that ID is not claimed.
 */
export const sfnExecutionLogging = ruleFor('aws_sfn_state_machine', 'sfn-execution-logging', [], {
  description: 'Every state machine logs execution events to a log group',
  check(machine) {
    const logging = block(machine.config['logging_configuration']);
    if (!logging || logging['level'] === undefined || logging['level'] === 'OFF') return ['state machine logging is off'];
    return typeof logging['log_destination'] === 'string' ? [] : ['state machine logging has no log_destination'];
  },
});
