import { isTrue, ruleFor } from './rule.js';

/** Headers that are not valid HTTP never reach the console (request smuggling / desync). */
export const albDropInvalidHeaders = ruleFor('aws_lb', 'alb-drop-invalid-headers', ['CKV_AWS_131', 'AVD-AWS-0052'], {
  description: 'Every Application Load Balancer drops invalid HTTP header fields',
  check(lb) {
    if ((lb.config['load_balancer_type'] ?? 'application') !== 'application') return [];
    return isTrue(lb.config['drop_invalid_header_fields']) ? [] : ['drop_invalid_header_fields is off'];
  },
});
