import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import { SqsQueue } from '@cdktf/provider-aws/lib/sqs-queue';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { Aspects, TerraformStack, Testing } from 'cdktf';
import { describe, expect, it } from 'vitest';
import { GovernanceAspect } from '@data-platform/constructs';
import { synthesize, testConfig } from '../fixtures/environment.js';

function stackWith(build: (stack: TerraformStack) => void): TerraformStack {
  const stack = new TerraformStack(Testing.app(), 'governed');
  build(stack);
  Aspects.of(stack).add(new GovernanceAspect('ci1'));
  return stack;
}

describe('GovernanceAspect', () => {
  it('fails synthesis naming the rule and the resource', () => {
    const stack = stackWith((s) => new SqsQueue(s, 'queue', { name: 'orders-queue' }));
    expect(() => Testing.synth(stack, true)).toThrow(
      /governance rule name-includes-suffix: aws_sqs_queue\.queue: name 'orders-queue' does not contain the environment suffix 'ci1'/,
    );
    expect(() => Testing.synth(stack, true)).toThrow(/governance rule sqs-queue-encryption: aws_sqs_queue\.queue: queue is not encrypted/);
  });

  it('fails on a wildcard action written through a construct', () => {
    const stack = stackWith(
      (s) => new IamRolePolicy(s, 'policy', { name: 'p-ci1', role: 'r', policy: JSON.stringify({ Statement: [{ Effect: 'Allow', Action: 's3:*', Resource: '*' }] }) }),
    );
    expect(() => Testing.synth(stack, true)).toThrow(/iam-no-wildcard-action.*wildcard action 's3:\*'/);
  });

  it('fails on a bucket that cannot be destroyed', () => {
    const stack = stackWith((s) => new S3Bucket(s, 'bucket', { bucket: 'data-ci1', forceDestroy: false }));
    expect(() => Testing.synth(stack, true)).toThrow(/destroyable: aws_s3_bucket\.bucket: force_destroy is off/);
  });

  it('passes the real environment stack', () => {
    expect(synthesize(testConfig()).resources.length).toBeGreaterThan(50);
  });
});
