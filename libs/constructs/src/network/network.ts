import { DefaultSecurityGroup } from '@cdktf/provider-aws/lib/default-security-group';
import { Eip } from '@cdktf/provider-aws/lib/eip';
import { InternetGateway } from '@cdktf/provider-aws/lib/internet-gateway';
import { NatGateway } from '@cdktf/provider-aws/lib/nat-gateway';
import { Route } from '@cdktf/provider-aws/lib/route';
import { RouteTable } from '@cdktf/provider-aws/lib/route-table';
import { RouteTableAssociation } from '@cdktf/provider-aws/lib/route-table-association';
import { SecurityGroup } from '@cdktf/provider-aws/lib/security-group';
import { Subnet } from '@cdktf/provider-aws/lib/subnet';
import { Vpc } from '@cdktf/provider-aws/lib/vpc';
import { VpcEndpoint } from '@cdktf/provider-aws/lib/vpc-endpoint';
import type { NetworkConfig } from '@data-platform/config';
import { Construct } from 'constructs';
import { policyDocument, type PolicyStatement } from '../iam/policy-document.js';
import { cidrSubnet } from './cidr.js';
import { VpcFlowLog } from './flow-log.js';
import type { EnvironmentContextProps } from '../environment-context.js';

export interface NetworkProps extends EnvironmentContextProps {
  readonly config: NetworkConfig;
  /** Retention of the flow-log group, days (the environment's log retention). */
  readonly flowLogRetentionDays: number;
}

/** What may pass through each gateway endpoint (the endpoint policy's statements). */
export interface GatewayEndpointAccess {
  readonly s3: readonly PolicyStatement[];
  readonly dynamodb: readonly PolicyStatement[];
}

/** Subnet prefix = VPC prefix + 4: sixteen equal ranges, six used (3 public, 3 private). */
const SUBNET_EXTRA_BITS = 4;

/**
 * VPC across the configured AZs with public and private subnets, S3 and DynamoDB gateway
 * endpoints on the private route tables, optional interface endpoints and NAT gateways.
 */
export class Network extends Construct {
  readonly vpc: Vpc;
  readonly publicSubnets: Subnet[];
  readonly privateSubnets: Subnet[];
  /** Security group for private Lambdas: HTTPS out to the VPC (interface endpoints) and the gateway endpoints. */
  readonly lambdaSecurityGroup: SecurityGroup;
  readonly flowLog: VpcFlowLog;
  private readonly gatewayEndpoints: Record<'s3' | 'dynamodb', VpcEndpoint>;

  constructor(scope: Construct, id: string, props: NetworkProps) {
    super(scope, id);
    const { naming, config } = props;
    const { region } = props.arnScope;
    const vpcName = naming.name('generic', 'vpc', 'data');
    this.vpc = new Vpc(this, 'vpc', {
      cidrBlock: config.vpcCidr,
      enableDnsHostnames: true,
      enableDnsSupport: true,
      tags: { Name: vpcName },
    });
    this.flowLog = new VpcFlowLog(this, 'flow-log', {
      naming,
      arnScope: props.arnScope,
      vpcId: this.vpc.id,
      vpcName,
      kmsKeyArn: props.kmsKeyArn,
      retentionDays: props.flowLogRetentionDays,
    });
    // Nothing may use the default security group; removing its rules makes that explicit (CIS 5.4).
    new DefaultSecurityGroup(this, 'default-sg', { vpcId: this.vpc.id });

    const zones = config.availabilityZones;
    this.publicSubnets = zones.map((zone, index) =>
      new Subnet(this, `public-${index}`, {
        vpcId: this.vpc.id,
        availabilityZone: zone,
        cidrBlock: cidrSubnet(config.vpcCidr, SUBNET_EXTRA_BITS, index),
        mapPublicIpOnLaunch: false,
        tags: { Name: naming.name('generic', 'subnet', `public-${zone}`), Tier: 'public' },
      }),
    );
    this.privateSubnets = zones.map((zone, index) =>
      new Subnet(this, `private-${index}`, {
        vpcId: this.vpc.id,
        availabilityZone: zone,
        cidrBlock: cidrSubnet(config.vpcCidr, SUBNET_EXTRA_BITS, zones.length + index),
        tags: { Name: naming.name('generic', 'subnet', `private-${zone}`), Tier: 'private' },
      }),
    );

    const internetGateway = new InternetGateway(this, 'igw', {
      vpcId: this.vpc.id,
      tags: { Name: naming.name('generic', 'igw', 'data') },
    });
    const publicRoutes = new RouteTable(this, 'public-routes', {
      vpcId: this.vpc.id,
      tags: { Name: naming.name('generic', 'rtb', 'public') },
    });
    new Route(this, 'public-default-route', {
      routeTableId: publicRoutes.id,
      destinationCidrBlock: '0.0.0.0/0',
      gatewayId: internetGateway.id,
    });
    this.publicSubnets.forEach((subnet, index) =>
      new RouteTableAssociation(this, `public-assoc-${index}`, { subnetId: subnet.id, routeTableId: publicRoutes.id }),
    );

    const natGateways = Array.from({ length: config.natGateways }, (_, index) => {
      const address = new Eip(this, `nat-eip-${index}`, {
        domain: 'vpc',
        tags: { Name: naming.name('generic', 'eip', `nat-${index}`) },
      });
      return new NatGateway(this, `nat-${index}`, {
        allocationId: address.allocationId,
        subnetId: this.publicSubnets[index % this.publicSubnets.length]!.id,
        tags: { Name: naming.name('generic', 'nat', `${index}`) },
        dependsOn: [internetGateway],
      });
    });
    // One private route table per AZ so each AZ can use its own NAT gateway when there are some.
    const privateRoutes = this.privateSubnets.map((subnet, index) => {
      const table = new RouteTable(this, `private-routes-${index}`, {
        vpcId: this.vpc.id,
        tags: { Name: naming.name('generic', 'rtb', `private-${zones[index]}`) },
      });
      new RouteTableAssociation(this, `private-assoc-${index}`, { subnetId: subnet.id, routeTableId: table.id });
      const nat = natGateways[index % Math.max(natGateways.length, 1)];
      if (nat) {
        new Route(this, `private-default-route-${index}`, {
          routeTableId: table.id,
          destinationCidrBlock: '0.0.0.0/0',
          natGatewayId: nat.id,
        });
      }
      return table;
    });

    const gatewayEndpoints = (['s3', 'dynamodb'] as const).map(
      (service) =>
        new VpcEndpoint(this, `${service}-endpoint`, {
          vpcId: this.vpc.id,
          serviceName: `com.amazonaws.${region}.${service}`,
          vpcEndpointType: 'Gateway',
          routeTableIds: privateRoutes.map((table) => table.id),
          tags: { Name: naming.name('generic', 'vpce', service) },
        }),
    );
    this.gatewayEndpoints = { s3: gatewayEndpoints[0]!, dynamodb: gatewayEndpoints[1]! };

    this.lambdaSecurityGroup = new SecurityGroup(this, 'lambda-sg', {
      name: naming.name('securityGroup', 'secgroup', 'lambda'),
      description: 'Private Lambdas: HTTPS to VPC endpoints only',
      vpcId: this.vpc.id,
      egress: [
        { description: 'Interface endpoints', protocol: 'tcp', fromPort: 443, toPort: 443, cidrBlocks: [config.vpcCidr] },
        {
          description: 'S3 and DynamoDB gateway endpoints',
          protocol: 'tcp',
          fromPort: 443,
          toPort: 443,
          prefixListIds: gatewayEndpoints.map((endpoint) => endpoint.prefixListId),
        },
      ],
    });

    if (config.interfaceEndpoints.length > 0) {
      const endpointSecurityGroup = new SecurityGroup(this, 'endpoint-sg', {
        name: naming.name('securityGroup', 'secgroup', 'endpoints'),
        description: 'Interface endpoints: HTTPS from inside the VPC',
        vpcId: this.vpc.id,
        ingress: [{ description: 'HTTPS from the VPC', protocol: 'tcp', fromPort: 443, toPort: 443, cidrBlocks: [config.vpcCidr] }],
      });
      for (const service of config.interfaceEndpoints) {
        new VpcEndpoint(this, `${service.replace('.', '-')}-endpoint`, {
          vpcId: this.vpc.id,
          serviceName: `com.amazonaws.${region}.${service}`,
          vpcEndpointType: 'Interface',
          privateDnsEnabled: true,
          subnetIds: this.privateSubnets.map((subnet) => subnet.id),
          securityGroupIds: [endpointSecurityGroup.id],
          tags: { Name: naming.name('generic', 'vpce', service.replace('.', '-')) },
        });
      }
    }
  }

  /** Prefix lists of the S3 and DynamoDB gateway endpoints, for security group rules. */
  get gatewayPrefixListIds(): string[] {
    return [this.gatewayEndpoints.s3.prefixListId, this.gatewayEndpoints.dynamodb.prefixListId];
  }

  /**
   * Limits the gateway endpoints to what the workloads use (called once those resources exist):
   * without a policy, the private subnets could reach any bucket or table of any account through them.
   */
  limitGatewayEndpoints(access: GatewayEndpointAccess): void {
    this.gatewayEndpoints.s3.policy = policyDocument(access.s3);
    this.gatewayEndpoints.dynamodb.policy = policyDocument(access.dynamodb);
  }
}
