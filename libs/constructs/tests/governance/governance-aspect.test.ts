import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import { SqsQueue } from '@cdktf/provider-aws/lib/sqs-queue';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { Aspects, TerraformStack, Testing } from 'cdktf';
import { describe, expect, it } from 'vitest';
import { GovernanceAspect } from '../../src/aspects/governance-aspect.js';
import { governanceReport } from '../../src/aspects/check-governance.js';
import { suppressRule } from '../../src/aspects/suppressions.js';
import { synthesize, testConfig } from '../fixtures/environment.js';

function stackWith(build: (stack: TerraformStack) => void, protection = false): TerraformStack {
  const stack = new TerraformStack(Testing.app(), 'governed');
  build(stack);
  Aspects.of(stack).add(new GovernanceAspect({ environmentSuffix: 'ci1', protection }));
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

  it('fails on a store that a destroy could erase where protection is on', () => {
    const stack = stackWith((s) => new S3Bucket(s, 'bucket', { bucket: 'data-ci1', forceDestroy: true }), true);
    expect(() => Testing.synth(stack, true)).toThrow(/protected-stores: aws_s3_bucket\.bucket: force_destroy is true/);
  });

  it('passes the real environment stack', () => {
    expect(synthesize(testConfig()).resources.length).toBeGreaterThan(50);
  });
});

describe('governance suppressions', () => {
  const unencryptedQueue = (s: TerraformStack) => new SqsQueue(s, 'queue', { name: 'orders-ci1' });

  it('lets a resource suppress a rule with a reason, and reports it', () => {
    const stack = stackWith((s) => suppressRule(unencryptedQueue(s), 'sqs-queue-encryption', 'Holds only public test fixtures'));
    const json = stack.toTerraform() as Parameters<typeof governanceReport>[0];
    expect(governanceReport(json, { environmentSuffix: 'ci1', protection: false }).suppressed).toEqual([
      { rule: 'sqs-queue-encryption', resource: 'aws_sqs_queue.queue', message: 'queue is not encrypted', reason: 'Holds only public test fixtures' },
    ]);
  });

  it('refuses a suppression without a reason', () => {
    expect(() => stackWith((s) => suppressRule(unencryptedQueue(s), 'sqs-queue-encryption', ' '))).toThrow(/needs a reason/);
  });

  it('fails on a suppression that suppresses nothing or names no rule', () => {
    const stale = stackWith((s) => suppressRule(new SqsQueue(s, 'queue', { name: 'q-ci1', sqsManagedSseEnabled: true }), 'sqs-queue-encryption', 'It used to be unencrypted'));
    expect(() => Testing.synth(stale, true)).toThrow(/sqs-queue-encryption: aws_sqs_queue\.queue: suppressed, but the rule finds nothing here/);
    const unknown = stackWith((s) => suppressRule(unencryptedQueue(s), 'no-such-rule', 'A rule that does not exist'));
    expect(() => Testing.synth(unknown, true)).toThrow(/no-such-rule: aws_sqs_queue\.queue: suppression names no governance rule/);
  });
});
