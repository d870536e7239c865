import { ruleFor } from './rule.js';

/** An alarm nobody hears is not an alarm. */
export const cloudwatchAlarmActions = ruleFor('aws_cloudwatch_metric_alarm', 'cloudwatch-alarm-actions', [], {
  description: 'Every alarm notifies someone when it fires',
  check(alarm) {
    const actions = alarm.config['alarm_actions'];
    return Array.isArray(actions) && actions.length > 0 && alarm.config['actions_enabled'] !== false ? [] : ['alarm has no alarm_actions'];
  },
});
