import { SnsTopic } from '@cdktf/provider-aws/lib/sns-topic';
import { SnsTopicPolicy } from '@cdktf/provider-aws/lib/sns-topic-policy';
import { SnsTopicSubscription } from '@cdktf/provider-aws/lib/sns-topic-subscription';
import { Construct } from 'constructs';
import { policyDocument } from '../iam/policy-document.js';

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
        {
          sid: 'CloudWatchAlarms',
          actions: ['sns:Publish'],
          principals: { Service: 'cloudwatch.amazonaws.com' },
          resources: [this.topic.arn],
          conditions: { StringEquals: { 'aws:SourceAccount': props.accountId } },
        },
        {
          sid: 'DenyInsecureTransport',
          effect: 'Deny',
          actions: ['sns:Publish'],
          principals: { AWS: '*' },
          resources: [this.topic.arn],
          conditions: { Bool: { 'aws:SecureTransport': false } },
        },
      ]),
    });
    props.emails.forEach((email, index) =>
      new SnsTopicSubscription(this, `email-${index}`, { topicArn: this.topic.arn, protocol: 'email', endpoint: email }),
    );
  }
}
