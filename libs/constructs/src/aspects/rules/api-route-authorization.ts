import { ruleFor } from './rule.js';

/** No open route: every request is signed by an IAM principal (or checked by an authorizer). */
export const apiRouteAuthorization = ruleFor('aws_apigatewayv2_route', 'api-route-authorization', [], {
  description: 'Every HTTP API route requires authorization (IAM or an authorizer)',
  check(route) {
    const type = route.config['authorization_type'];
    return type && type !== 'NONE' ? [] : [`route ${String(route.config['route_key'])} requires no authorization`];
  },
});
