import { SnsTopic } from '@cdktf/provider-aws/lib/sns-topic';
import { SnsTopicPolicy } from '@cdktf/provider-aws/lib/sns-topic-policy';
import { SnsTopicSubscription } from '@cdktf/provider-aws/lib/sns-topic-subscription';
import { Construct } from 'constructs';
import { allowService, denyInsecureTransport, policyDocument } from '../iam/policy-document.js';

/**
 * Every action a topic policy can govern. All are refused over plain HTTP: denying Publish alone
 * left Subscribe (and reading the topic's attributes) open without TLS.
 */
export const TOPIC_POLICY_ACTIONS = [
  'sns:AddPermission', 'sns:DeleteTopic', 'sns:GetTopicAttributes', 'sns:ListSubscriptionsByTopic',
  'sns:Publish', 'sns:RemovePermission', 'sns:SetTopicAttributes', 'sns:Subscribe',
];

export interface EncryptedTopicProps {
  readonly topicName: string;
  readonly kmsKeyArn: string;
  readonly accountId: string;
  readonly emails: readonly string[];
}

/** KMS-encrypted SNS topic with optional e-mail subscriptions; CloudWatch alarms of this account may publish. */
export class EncryptedTopic extends Construct {
  readonly topic: SnsTopic;

  constructor(scope: Construct, id: string, props: EncryptedTopicProps) {
    super(scope, id);
    this.topic = new SnsTopic(this, 'topic', { name: props.topicName, kmsMasterKeyId: props.kmsKeyArn });
    new SnsTopicPolicy(this, 'policy', {
      arn: this.topic.arn,
      policy: policyDocument([
        allowService('cloudwatch.amazonaws.com', { sourceAccount: props.accountId }, { sid: 'CloudWatchAlarms', actions: ['sns:Publish'], resources: [this.topic.arn] }),
        denyInsecureTransport(TOPIC_POLICY_ACTIONS, [this.topic.arn]),
      ]),
    });
    props.emails.forEach((email, index) =>
      new SnsTopicSubscription(this, `email-${index}`, { topicArn: this.topic.arn, protocol: 'email', endpoint: email }),
    );
  }
}
