import { CloudwatchEventRule } from '@cdktf/provider-aws/lib/cloudwatch-event-rule';
import { CloudwatchEventTarget } from '@cdktf/provider-aws/lib/cloudwatch-event-target';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import type { Naming } from '@data-platform/config';
import { Construct } from 'constructs';
import { assumeRolePolicy, policyDocument } from '../iam/policy-document.js';

export interface IngestTriggerProps {
  readonly naming: Naming;
  readonly accountId: string;
  readonly bucketName: string;
  /** Key prefix that starts the pipeline. */
  readonly prefix: string;
  readonly stateMachineArn: string;
  readonly deadLetterQueueArn: string;
}

/** One day: after that an undelivered event goes to the DLQ instead of being retried. */
const MAX_EVENT_AGE_SECONDS = 86_400;

/** EventBridge rule on S3 *Object Created* under the prefix, starting the state machine via its own role. */
export class IngestTrigger extends Construct {
  readonly rule: CloudwatchEventRule;

  constructor(scope: Construct, id: string, props: IngestTriggerProps) {
    super(scope, id);
    const { naming } = props;
    this.rule = new CloudwatchEventRule(this, 'rule', {
      name: naming.name('eventRule', 'rule', 'object-created'),
      description: `Start the pipeline for objects created under ${props.prefix}`,
      eventPattern: JSON.stringify({
        source: ['aws.s3'],
        'detail-type': ['Object Created'],
        detail: { bucket: { name: [props.bucketName] }, object: { key: [{ prefix: props.prefix }] } },
      }),
    });
    const role = new IamRole(this, 'role', {
      name: naming.name('iamRole', 'role', 'events-start-pipeline'),
      assumeRolePolicy: assumeRolePolicy('events.amazonaws.com', props.accountId),
    });
    new IamRolePolicy(this, 'policy', {
      name: naming.name('iamPolicy', 'policy', 'events-start-pipeline'),
      role: role.id,
      policy: policyDocument([{ sid: 'StartPipeline', actions: ['states:StartExecution'], resources: [props.stateMachineArn] }]),
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
