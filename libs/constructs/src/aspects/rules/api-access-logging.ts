import { block, ruleFor } from './rule.js';

/** Who called what, and how it ended, for every request of an HTTP API stage. */
export const apiAccessLogging = ruleFor('aws_apigatewayv2_stage', 'api-access-logging', [], {
  description: 'Every HTTP API stage writes access logs to a log group',
  check(stage) {
    const settings = block(stage.config['access_log_settings']);
    return settings?.['destination_arn'] && settings['format'] ? [] : ['stage has no access log settings'];
  },
});
