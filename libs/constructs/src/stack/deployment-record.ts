import { SsmParameter } from '@cdktf/provider-aws/lib/ssm-parameter';
import type { Naming } from '@data-platform/config';
import { TerraformOutput, TerraformResource, TerraformVariable, type TerraformStack } from 'cdktf';
import { Construct } from 'constructs';

/** Terraform variable the deploy fills with `{"gitSha": …, "synthHash": …}` (tools/nx-cdktf). */
export const DEPLOYMENT_RECORD_VARIABLE = 'deployment_record';
/** Terraform output holding the record as applied; the deploy reads it to skip unchanged environments. */
export const DEPLOYMENT_RECORD_OUTPUT = 'deployment-record';
/** The record before the first deploy through the runner (a plain `terraform apply` leaves it so). */
export const UNDEPLOYED_RECORD = '{"gitSha":"unknown","synthHash":"unknown"}';

export interface DeploymentRecordProps {
  readonly naming: Naming;
}

/**
 * One SSM parameter per environment saying which commit and which synth are deployed (SPEC §4).
 * Per-commit values live here and nowhere else, so a new commit changes this one resource instead
 * of `tags_all` everywhere. Its value is a variable set at plan time (the synth cannot hold its own
 * hash), and it depends on every other resource, so it is written only after all of them applied:
 * create it last in its stack.
 */
export class DeploymentRecord extends Construct {
  readonly parameter: SsmParameter;

  constructor(scope: TerraformStack, id: string, props: DeploymentRecordProps) {
    super(scope, id);
    const everythingElse = scope.node.findAll().filter((node): node is TerraformResource => node instanceof TerraformResource);
    const record = new TerraformVariable(scope, DEPLOYMENT_RECORD_VARIABLE, {
      type: 'string',
      default: UNDEPLOYED_RECORD,
      nullable: false,
      description: 'Set by the deploy: {"gitSha", "synthHash"} of what this apply deploys',
    });
    this.parameter = new SsmParameter(this, 'parameter', {
      name: props.naming.parameterPath('deployment'),
      type: 'String',
      // insecure_value: a plain string, so the output below need not be marked sensitive.
      insecureValue: record.stringValue,
      description: 'Deployed git SHA and synth hash, written by the last successful deploy',
      dependsOn: everythingElse,
    });
    new TerraformOutput(scope, DEPLOYMENT_RECORD_OUTPUT, { value: this.parameter.insecureValue });
  }
}
