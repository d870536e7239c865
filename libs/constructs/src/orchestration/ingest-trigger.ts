import { CloudwatchEventRule } from '@cdktf/provider-aws/lib/cloudwatch-event-rule';
import { CloudwatchEventTarget } from '@cdktf/provider-aws/lib/cloudwatch-event-target';
import type { Naming } from '@data-platform/config';
import { Construct } from 'constructs';
import { eventRuleArn, type ArnScope } from '../iam/arns.js';
import { serviceRole } from '../iam/service-role.js';
import { executionInputKey } from './encrypted-state-machine.js';

export interface IngestTriggerProps {
  readonly naming: Naming;
  readonly arnScope: ArnScope;
  readonly bucketName: string;
  /** Key prefix that starts the pipeline. */
  readonly prefix: string;
  readonly stateMachineArn: string;
  /** Key that encrypts the state machine's executions. */
  readonly kmsKeyArn: string;
  readonly deadLetterQueueArn: string;
}

/** One day: after that an undelivered event goes to the DLQ instead of being retried. */
const MAX_EVENT_AGE_SECONDS = 86_400;

/** EventBridge rule on S3 *Object Created* under the prefix, starting the state machine via its own role. */
export class IngestTrigger extends Construct {
  readonly rule: CloudwatchEventRule;

  constructor(scope: Construct, id: string, props: IngestTriggerProps) {
    super(scope, id);
    const { naming, arnScope } = props;
    const ruleName = naming.name('eventRule', 'rule', 'object-created');
    this.rule = new CloudwatchEventRule(this, 'rule', {
      name: ruleName,
      description: `Start the pipeline for objects created under ${props.prefix}`,
      eventPattern: JSON.stringify({
        source: ['aws.s3'],
        'detail-type': ['Object Created'],
        detail: { bucket: { name: [props.bucketName] }, object: { key: [{ prefix: props.prefix }] } },
      }),
    });
    const role = serviceRole(this, {
      naming,
      purpose: 'events-start-pipeline',
      service: 'events.amazonaws.com',
      // Only this rule may use the role (its ARN is built from the name: the rule needs no role to exist).
      guard: { sourceAccount: arnScope.accountId, sourceArn: eventRuleArn(arnScope, ruleName) },
      statements: [
        { sid: 'StartPipeline', actions: ['states:StartExecution'], resources: [props.stateMachineArn] },
        // StartExecution encrypts the execution input with the state machine's customer-managed key.
        executionInputKey(props.kmsKeyArn, arnScope.region, props.stateMachineArn),
      ],
    });
    new CloudwatchEventTarget(this, 'target', {
      rule: this.rule.name,
      targetId: 'pipeline',
      arn: props.stateMachineArn,
      roleArn: role.arn,
      deadLetterConfig: { arn: props.deadLetterQueueArn },
      retryPolicy: { maximumEventAgeInSeconds: MAX_EVENT_AGE_SECONDS, maximumRetryAttempts: 185 },
    });
  }
}
