import { asList, isAllow, statementsOf } from './policy-statements.js';
import { ruleFor } from './rule.js';

/** A gateway endpoint's policy limits what can be reached through it to named resources and actions. */
export const vpcGatewayEndpointPolicy = ruleFor('aws_vpc_endpoint', 'vpc-gateway-endpoint-policy', [], {
  description: 'Every gateway endpoint has a policy naming its actions and resources (no * in either)',
  check(endpoint) {
    if (endpoint.config['vpc_endpoint_type'] !== 'Gateway') return [];
    if (typeof endpoint.config['policy'] !== 'string') return ['gateway endpoint has no policy, so it reaches every bucket or table'];
    const { statements, problems } = statementsOf(endpoint);
    for (const s of statements.filter(isAllow)) {
      if (asList(s.Action).some((a) => a.includes('*'))) problems.push(`statement ${s.Sid ?? '(no Sid)'} allows a wildcard action`);
      if (asList(s.Resource).some((r) => r === '*')) problems.push(`statement ${s.Sid ?? '(no Sid)'} allows every resource`);
    }
    return problems;
  },
});
