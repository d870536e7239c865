import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { LambdaFunction } from '@cdktf/provider-aws/lib/lambda-function';
import type { Naming } from '@data-platform/config';
import { Construct } from 'constructs';
import { assumeRolePolicy, policyDocument, type PolicyStatement } from '../iam/policy-document.js';
import { LAMBDA_ARCHITECTURE, LAMBDA_RUNTIME } from './lambda-platform.js';
import { ZipAsset } from './zip-asset.js';

export interface PipelineFunctionProps {
  readonly naming: Naming;
  /** Short name, e.g. `transform`; becomes `lambda-{env}-{name}-{suffix}`. */
  readonly name: string;
  readonly description: string;
  /** Absolute path of the handler's deterministic zip. */
  readonly zipPath: string;
  readonly handler: string;
  readonly memoryMb: number;
  readonly timeoutSeconds: number;
  readonly tracing: boolean;
  readonly logRetentionDays: number;
  readonly kmsKeyArn: string;
  readonly layerArns: readonly string[];
  readonly subnetIds: readonly string[];
  readonly securityGroupIds: readonly string[];
  readonly environment: Readonly<Record<string, string>>;
  /** What the function may do besides logging, VPC networking and tracing. */
  readonly permissions: readonly PolicyStatement[];
}

/** Actions Lambda needs to attach a function to private subnets (they take no resource ARN). */
const VPC_ACCESS_ACTIONS = [
  'ec2:AssignPrivateIpAddresses', 'ec2:CreateNetworkInterface', 'ec2:DeleteNetworkInterface',
  'ec2:DescribeNetworkInterfaces', 'ec2:UnassignPrivateIpAddresses',
];

/**
 * An arm64 Lambda with its own encrypted log group (retention per env), its own least-privilege
 * role, the shared layer, private-subnet networking and optional active tracing.
 */
export class PipelineFunction extends Construct {
  readonly function: LambdaFunction;
  readonly role: IamRole;
  readonly logGroup: CloudwatchLogGroup;

  constructor(scope: Construct, id: string, props: PipelineFunctionProps) {
    super(scope, id);
    const { naming } = props;
    const functionName = naming.name('lambdaFunction', 'lambda', props.name);
    this.logGroup = new CloudwatchLogGroup(this, 'logs', {
      name: naming.lambdaLogGroup(functionName),
      retentionInDays: props.logRetentionDays,
      kmsKeyId: props.kmsKeyArn,
    });
    this.role = new IamRole(this, 'role', {
      name: naming.name('iamRole', 'role', `lambda-${props.name}`),
      assumeRolePolicy: assumeRolePolicy('lambda.amazonaws.com'),
    });
    new IamRolePolicy(this, 'policy', {
      name: naming.name('iamPolicy', 'policy', `lambda-${props.name}`),
      role: this.role.id,
      policy: policyDocument([
        { sid: 'Logs', actions: ['logs:CreateLogStream', 'logs:PutLogEvents'], resources: [`${this.logGroup.arn}:*`] },
        { sid: 'VpcAccess', actions: VPC_ACCESS_ACTIONS, resources: ['*'] },
        ...(props.tracing ? [{ sid: 'Tracing', actions: ['xray:PutTelemetryRecords', 'xray:PutTraceSegments'], resources: ['*'] }] : []),
        ...props.permissions,
      ]),
    });
    const code = new ZipAsset(this, 'code', props.zipPath);
    this.function = new LambdaFunction(this, 'function', {
      functionName,
      description: props.description,
      role: this.role.arn,
      runtime: LAMBDA_RUNTIME,
      architectures: [LAMBDA_ARCHITECTURE],
      handler: props.handler,
      filename: code.path,
      sourceCodeHash: code.sourceCodeHash,
      memorySize: props.memoryMb,
      timeout: props.timeoutSeconds,
      layers: [...props.layerArns],
      kmsKeyArn: props.kmsKeyArn,
      tracingConfig: { mode: props.tracing ? 'Active' : 'PassThrough' },
      loggingConfig: { logFormat: 'Text', logGroup: this.logGroup.name },
      vpcConfig: { subnetIds: [...props.subnetIds], securityGroupIds: [...props.securityGroupIds] },
      environment: {
        variables: { NODE_OPTIONS: '--enable-source-maps', POWERTOOLS_SERVICE_NAME: props.name, ...props.environment },
      },
      dependsOn: [this.logGroup],
    });
  }
}
