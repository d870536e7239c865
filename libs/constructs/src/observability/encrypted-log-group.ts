import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import type { Construct } from 'constructs';

export interface EncryptedLogGroupProps {
  readonly name: string;
  /** The environment's log retention (SPEC §2). */
  readonly retentionDays: number;
  /** The environment's key: no log group is left on the AWS-owned default (log-group-kms-encryption). */
  readonly kmsKeyArn: string;
}

/** A log group as every one of the platform's is: encrypted with the environment's key, kept for its retention. */
export function encryptedLogGroup(scope: Construct, id: string, props: EncryptedLogGroupProps): CloudwatchLogGroup {
  return new CloudwatchLogGroup(scope, id, { name: props.name, retentionInDays: props.retentionDays, kmsKeyId: props.kmsKeyArn });
}
