import { EcrLifecyclePolicy } from '@cdktf/provider-aws/lib/ecr-lifecycle-policy';
import { EcrRepository } from '@cdktf/provider-aws/lib/ecr-repository';
import { EcrRepositoryPolicy } from '@cdktf/provider-aws/lib/ecr-repository-policy';
import type { Naming } from '@data-platform/config';
import { Construct } from 'constructs';
import { policyDocument } from '../iam/policy-document.js';
import { storeLifecycle } from '../protection/store-protection.js';

/** What an environment's ECS task execution role needs to pull an image by digest. */
export const IMAGE_PULL_ACTIONS = ['ecr:BatchCheckLayerAvailability', 'ecr:BatchGetImage', 'ecr:GetDownloadUrlForLayer'] as const;

export interface ConsoleRepositoryProps {
  readonly naming: Naming;
  /** Customer-managed key the images are encrypted with. */
  readonly kmsKeyArn: string;
  /** Images the lifecycle policy keeps; older ones expire. */
  readonly keepImages: number;
  /** Accounts whose principals may pull (the environments' accounts); nobody may push from them. */
  readonly pullAccountIds: readonly string[];
  /** Data protection: `prevent_destroy` and no `force_delete`. */
  readonly protection: boolean;
}

/**
 * The console's image repository (SPEC §3.5): immutable tags so a tag never moves under a
 * deployed digest, a scan on every push, KMS encryption, and a lifecycle that keeps the newest
 * images. The environments pull by digest across accounts; pushing stays with this account.
 */
export class ConsoleRepository extends Construct {
  readonly repository: EcrRepository;

  constructor(scope: Construct, id: string, props: ConsoleRepositoryProps) {
    super(scope, id);
    this.repository = new EcrRepository(this, 'repository', {
      name: props.naming.name('generic', 'ecr', 'console'),
      imageTagMutability: 'IMMUTABLE',
      imageScanningConfiguration: { scanOnPush: true },
      encryptionConfiguration: [{ encryptionType: 'KMS', kmsKey: props.kmsKeyArn }],
      forceDelete: !props.protection,
      lifecycle: storeLifecycle(props.protection),
    });
    new EcrLifecyclePolicy(this, 'lifecycle', {
      repository: this.repository.name,
      policy: JSON.stringify({
        rules: [
          {
            rulePriority: 1,
            description: `Keep the newest ${props.keepImages} images`,
            selection: { tagStatus: 'any', countType: 'imageCountMoreThan', countNumber: props.keepImages },
            action: { type: 'expire' },
          },
        ],
      }),
    });
    new EcrRepositoryPolicy(this, 'pull-policy', {
      repository: this.repository.name,
      policy: policyDocument([
        {
          sid: 'PullFromEnvironmentAccounts',
          actions: [...IMAGE_PULL_ACTIONS],
          principals: { AWS: props.pullAccountIds.map((account) => `arn:aws:iam::${account}:root`) },
        },
      ]),
    });
  }
}
