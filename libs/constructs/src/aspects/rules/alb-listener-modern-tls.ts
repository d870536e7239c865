import { ruleFor } from './rule.js';

/** Elastic Load Balancing policies that negotiate TLS 1.2 or later only. */
const TLS12_OR_LATER = /^ELBSecurityPolicy-(TLS13-1-[23]|TLS-1-2|FS-1-2)/;

/** HTTPS listeners refuse TLS 1.0/1.1 and their weak ciphers. */
export const albListenerModernTls = ruleFor('aws_lb_listener', 'alb-listener-modern-tls', ['CKV_AWS_103', 'AVD-AWS-0047'], {
  description: 'Every HTTPS listener uses a TLS 1.2+ security policy',
  check(listener) {
    if (listener.config['protocol'] !== 'HTTPS') return [];
    const policy = String(listener.config['ssl_policy'] ?? '(the default, ELBSecurityPolicy-2016-08)');
    return TLS12_OR_LATER.test(policy) ? [] : [`ssl_policy ${policy} allows TLS versions before 1.2`];
  },
});
