import { block, ruleFor } from './rule.js';

/** A redirect to HTTPS is the one thing a plain-HTTP listener may do. */
function redirectsToHttps(action: Record<string, unknown>): boolean {
  return action['type'] === 'redirect' && block(action['redirect'])?.['protocol'] === 'HTTPS';
}

/** Traffic to the console is encrypted in transit: HTTPS listeners, or HTTP ones that only redirect. */
export const albListenerHttps = ruleFor('aws_lb_listener', 'alb-listener-https', ['CKV_AWS_2', 'AVD-AWS-0054'], {
  description: 'Every listener uses HTTPS, or only redirects HTTP to HTTPS',
  check(listener) {
    const protocol = String(listener.config['protocol'] ?? 'HTTP');
    if (protocol === 'HTTPS' || protocol === 'TLS') return [];
    const actions = (Array.isArray(listener.config['default_action']) ? listener.config['default_action'] : [listener.config['default_action']]) as Record<string, unknown>[];
    return actions.length > 0 && actions.every((action) => action && redirectsToHttps(action)) ? [] : [`${protocol} listener serves traffic instead of redirecting to HTTPS`];
  },
});
