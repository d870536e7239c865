import { RamPrincipalAssociation } from '@cdktf/provider-aws/lib/ram-principal-association';
import { RamResourceAssociation } from '@cdktf/provider-aws/lib/ram-resource-association';
import { RamResourceShare } from '@cdktf/provider-aws/lib/ram-resource-share';
import type { Naming } from '@data-platform/config';
import { Construct } from 'constructs';

export interface ClusterCloneShareProps {
  readonly naming: Naming;
  readonly clusterArn: string;
  /** Accounts that may clone the cluster (staging's, when prod names it in `database.shareWithAccountIds`). */
  readonly accountIds: readonly string[];
}

/**
 * Shares the cluster through AWS RAM so another account can make a copy-on-write clone of it (SPEC
 * §3.3): the only cross-account way Aurora clones. Outside AWS Organizations the other account
 * accepts the invitation once; a clone holds production data, so the share is opt-in per account.
 */
export class ClusterCloneShare extends Construct {
  readonly share: RamResourceShare;

  constructor(scope: Construct, id: string, props: ClusterCloneShareProps) {
    super(scope, id);
    this.share = new RamResourceShare(this, 'share', {
      name: props.naming.name('generic', 'ram', 'database-clone'),
      allowExternalPrincipals: true,
    });
    new RamResourceAssociation(this, 'cluster', { resourceShareArn: this.share.arn, resourceArn: props.clusterArn });
    props.accountIds.forEach((accountId, index) => {
      new RamPrincipalAssociation(this, `account-${index}`, { resourceShareArn: this.share.arn, principal: accountId });
    });
  }
}
