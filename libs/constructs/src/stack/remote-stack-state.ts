import type { StateLocation } from '@data-platform/config';
import { DataTerraformRemoteStateS3 } from 'cdktf';
import { Construct } from 'constructs';

/**
 * Where an offline plan finds the values it reads in place of a remote state: a Terraform JSON
 * comment on the data source (Terraform ignores `//` properties), which the nx-cdktf plugin's
 * offline override turns into the data source's `defaults` over an empty local state.
 */
export const OFFLINE_OUTPUTS_COMMENT = 'offlineOutputs';

export interface RemoteStackStateProps<Name extends string> {
  /** The other stack's state: bucket, region and key. */
  readonly location: StateLocation;
  /** Every output this stack reads, with the stand-in an offline plan uses for it. */
  readonly outputs: Readonly<Record<Name, string>>;
}

/**
 * Another stack's outputs, read with `terraform_remote_state` on the S3 backend (SPEC §3.7). Only
 * declared outputs can be read, so the offline stand-ins cover every read by construction.
 */
export class RemoteStackState<Name extends string> extends Construct {
  readonly state: DataTerraformRemoteStateS3;
  private readonly outputs: Readonly<Record<Name, string>>;

  constructor(scope: Construct, id: string, props: RemoteStackStateProps<Name>) {
    super(scope, id);
    this.outputs = props.outputs;
    this.state = new DataTerraformRemoteStateS3(this, 'state', {
      bucket: props.location.bucket,
      region: props.location.region,
      key: props.location.key,
      encrypt: true,
    });
    this.state.addOverride(`//.${OFFLINE_OUTPUTS_COMMENT}`, { ...props.outputs });
  }

  /** A string output of the other stack. */
  getString(name: Name): string {
    if (!Object.hasOwn(this.outputs, name)) throw new Error(`remote state ${this.node.id}: output ${name} is not declared`);
    return this.state.getString(name);
  }
}
