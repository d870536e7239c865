import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { LambdaFunction } from '@cdktf/provider-aws/lib/lambda-function';
import type { Naming } from '@data-platform/config';
import { Construct } from 'constructs';
import { suppressRule } from '../aspects/suppressions.js';
import { viaService, type ArnScope } from '../iam/arns.js';
import type { PolicyStatement } from '../iam/policy-document.js';
import { serviceRole } from '../iam/service-role.js';
import { encryptedLogGroup } from '../observability/encrypted-log-group.js';
import { LAMBDA_ARCHITECTURE, LAMBDA_RUNTIME } from './lambda-platform.js';
import { ZipAsset } from './zip-asset.js';

export interface PipelineFunctionProps {
  readonly naming: Naming;
  /** Region and account of the function (network-interface ARNs, the key's service condition). */
  readonly arnScope: ArnScope;
  /** Short name, e.g. `transform`; becomes `lambda-{env}-{name}-{suffix}`. */
  readonly name: string;
  readonly description: string;
  /** Absolute path of the handler's deterministic zip. */
  readonly zipPath: string;
  readonly handler: string;
  readonly memoryMb: number;
  /**
   * Size of /tmp, MB (the environment's lambda.ephemeralStorageMb for this function).
   * @default 512
   */
  readonly ephemeralStorageMb?: number;
  readonly timeoutSeconds: number;
  readonly tracing: boolean;
  /** Reserved concurrent executions; null reserves none (the environment's config says why). */
  readonly reservedConcurrency: number | null;
  readonly logRetentionDays: number;
  readonly kmsKeyArn: string;
  readonly layerArns: readonly string[];
  readonly subnetIds: readonly string[];
  readonly securityGroupIds: readonly string[];
  readonly environment: Readonly<Record<string, string>>;
  /** What the function may do besides logging, VPC networking and tracing. */
  readonly permissions: readonly PolicyStatement[];
}

/**
 * What Lambda needs to attach a function to private subnets: interfaces are created only in the
 * function's own subnets with its own security groups, managed only among this account's network
 * interfaces; describing them is the one action that exists only on `*`.
 */
function vpcAccessStatements({ region, accountId }: ArnScope, subnetIds: readonly string[], securityGroupIds: readonly string[]): PolicyStatement[] {
  const ec2 = (resource: string) => `arn:aws:ec2:${region}:${accountId}:${resource}`;
  const interfaces = ec2('network-interface/*');
  return [
    {
      sid: 'CreateInterfacesInOwnSubnets',
      actions: ['ec2:CreateNetworkInterface'],
      resources: [interfaces, ...subnetIds.map((id) => ec2(`subnet/${id}`)), ...securityGroupIds.map((id) => ec2(`security-group/${id}`))],
    },
    {
      sid: 'ManageOwnInterfaces',
      actions: ['ec2:AssignPrivateIpAddresses', 'ec2:DeleteNetworkInterface', 'ec2:UnassignPrivateIpAddresses'],
      resources: [interfaces],
    },
    { sid: 'DescribeInterfaces', actions: ['ec2:DescribeNetworkInterfaces'], resources: ['*'] },
  ];
}

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
    this.logGroup = encryptedLogGroup(this, 'logs', { name: naming.lambdaLogGroup(functionName), retentionDays: props.logRetentionDays, kmsKeyArn: props.kmsKeyArn });
    this.role = serviceRole(this, {
      naming,
      purpose: `lambda-${props.name}`,
      service: 'lambda.amazonaws.com',
      statements: [
        { sid: 'Logs', actions: ['logs:CreateLogStream', 'logs:PutLogEvents'], resources: [`${this.logGroup.arn}:*`] },
        ...vpcAccessStatements(props.arnScope, props.subnetIds, props.securityGroupIds),
        {
          // Lambda decrypts the environment variables with the execution role's permission.
          sid: 'EnvironmentKey',
          actions: ['kms:Decrypt'],
          resources: [props.kmsKeyArn],
          conditions: {
            StringEquals: { 'kms:ViaService': viaService('lambda', props.arnScope.region), 'kms:EncryptionContext:LambdaFunctionName': functionName },
          },
        },
        ...(props.tracing ? [{ sid: 'Tracing', actions: ['xray:PutTelemetryRecords', 'xray:PutTraceSegments'], resources: ['*'] }] : []),
        ...props.permissions,
      ],
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
      ephemeralStorage: { size: props.ephemeralStorageMb ?? 512 },
      timeout: props.timeoutSeconds,
      ...(props.reservedConcurrency === null ? {} : { reservedConcurrentExecutions: props.reservedConcurrency }),
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
    if (!props.tracing) {
      suppressRule(this.function, 'lambda-xray-tracing', "Tracing is off in this environment's config (lambda.tracing, SPEC §2)");
    }
    if (props.reservedConcurrency === null) {
      suppressRule(
        this.function,
        'lambda-reserved-concurrency',
        "This environment reserves no concurrency (lambda.reservedConcurrency is null: new accounts have low quotas, SPEC §2)",
      );
    }
  }
}
