import { SqsQueue } from '@cdktf/provider-aws/lib/sqs-queue';
import { SqsQueuePolicy } from '@cdktf/provider-aws/lib/sqs-queue-policy';
import { Construct } from 'constructs';
import { allowService, policyDocument } from '../iam/policy-document.js';

export interface DeadLetterQueueProps {
  readonly queueName: string;
  readonly kmsKeyArn: string;
}

/** 14 days is SQS's maximum retention: the longest window to inspect and redrive failed events. */
const MAX_RETENTION_SECONDS = 1_209_600;

/** KMS-encrypted dead-letter queue for events EventBridge could not deliver. */
export class DeadLetterQueue extends Construct {
  readonly queue: SqsQueue;

  constructor(scope: Construct, id: string, props: DeadLetterQueueProps) {
    super(scope, id);
    this.queue = new SqsQueue(this, 'queue', {
      name: props.queueName,
      messageRetentionSeconds: MAX_RETENTION_SECONDS,
      kmsMasterKeyId: props.kmsKeyArn,
      kmsDataKeyReusePeriodSeconds: 300,
    });
  }

  /** Lets the given EventBridge rules deliver to the queue (called once the rules exist). */
  allowEventBridgeRules(ruleArns: readonly string[]): void {
    new SqsQueuePolicy(this, 'policy', {
      queueUrl: this.queue.url,
      policy: policyDocument([
        allowService('events.amazonaws.com', { sourceArns: ruleArns }, { sid: 'EventBridgeDeadLetters', actions: ['sqs:SendMessage'], resources: [this.queue.arn] }),
      ]),
    });
  }
}
