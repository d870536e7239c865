import { asList, coversAction, deniesInsecureTransport, hasWildcardPrincipal, statementsOf } from './policy-statements.js';
import { refersTo, ruleFor } from './rule.js';

/** The topic actions a client can call over plain HTTP that must be refused. */
const MUST_DENY = ['sns:Publish', 'sns:Subscribe'];

/** Publishing and subscribing without TLS is refused to everyone (FSBP SNS.4-style transport control). */
export const snsTlsOnlyPolicy = ruleFor('aws_sns_topic', 'sns-tls-only-policy', [], {
  description: "Every topic's policy denies Publish and Subscribe without TLS",
  check(topic, { resources }) {
    const policies = resources.filter((r) => r.type === 'aws_sns_topic_policy' && refersTo(r.config['arn'], topic));
    const denied = policies
      .flatMap((p) => statementsOf(p).statements)
      .filter((s) => deniesInsecureTransport(s) && hasWildcardPrincipal(s))
      .flatMap((s) => asList(s.Action));
    return MUST_DENY.filter((action) => !coversAction(denied, action)).map((action) => `no topic policy denies ${action} without TLS`);
  },
});
